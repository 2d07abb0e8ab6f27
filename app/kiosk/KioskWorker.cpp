#include "KioskWorker.hpp"

#include "guichet/cards/Keys.hpp"
#include "guichet/codes/Codes.hpp"
#include "guichet/desk/CardSetup.hpp"
#include "guichet/desk/TypedCodes.hpp"
#include "guichet/desk/Visits.hpp"
#include "guichet/store/Store.hpp"

#include <cstdio>
#include <filesystem>
#include <map>

namespace guichet::kioskapp {

namespace fs = std::filesystem;

KioskWorker::KioskWorker(WorkerOptions options, Camera* camera, ReceiptPrinter* printer, Speech* speech)
    : options_(std::move(options)), camera_(camera), printer_(printer), speech_(speech) {}

KioskWorker::~KioskWorker() {
    stop();
}

void KioskWorker::start() {
    stopping_ = false;
    storeThread_ = std::thread([this] { storeLoop(); });
    voiceThread_ = std::thread([this] { voiceLoop(); });
    if (camera_ != nullptr) cameraThread_ = std::thread([this] { cameraLoop(); });
}

void KioskWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread* t : {&cameraThread_, &storeThread_, &voiceThread_})
        if (t->joinable()) t->join();
    if (camera_ != nullptr) camera_->stop();
}

void KioskWorker::post(const kiosk::Intent& intent) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(intent);
    }
    wake_.notify_all();
}

void KioskWorker::say(std::string text, std::string language) {
    {
        std::lock_guard lock(mutex_);
        sentence_ = std::make_pair(std::move(text), std::move(language));
    }
    wake_.notify_all();
}

std::vector<kiosk::Input> KioskWorker::drain() {
    std::lock_guard lock(mutex_);
    std::vector<kiosk::Input> out;
    out.swap(inputs_);
    return out;
}

std::vector<kiosk::Input> KioskWorker::waitForInputs(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    inputsReady_.wait_for(lock, timeout, [this] { return !inputs_.empty(); });
    std::vector<kiosk::Input> out;
    out.swap(inputs_);
    return out;
}

void KioskWorker::push(kiosk::Input input) {
    {
        std::lock_guard lock(mutex_);
        inputs_.push_back(std::move(input));
    }
    inputsReady_.notify_all();
}

void KioskWorker::cameraLoop() {
    if (auto started = camera_->start(); !started) {
        std::fprintf(stderr, "guichet-kiosk: camera: %s\n", started.error().message.c_str());
        push(kiosk::CameraGone{});
        return;
    }
    bool working = true;
    std::uint64_t last = 0;
    std::map<std::string, std::chrono::steady_clock::time_point> reported;
    codes::DecodeOptions options;
    options.formats = codes::Format::QRCode;
    options.effort = codes::Effort::Camera;
    while (!stopping_) {
        auto frame = camera_->nextFrame(last, std::chrono::milliseconds(500));
        if (!frame) {
            if (working) {
                std::fprintf(stderr, "guichet-kiosk: camera: %s\n", frame.error().message.c_str());
                push(kiosk::CameraGone{});
                working = false;
            }
            continue;
        }
        if (!working) {
            push(kiosk::CameraBack{});
            working = true;
        }
        last = frame->sequence;
        const codes::ImageView view{frame->bgr.data(), frame->width, frame->height, frame->stride,
                                    codes::PixelFormat::BGR};
        const auto now = std::chrono::steady_clock::now();
        for (const codes::Code& code : codes::decodeCodes(view, options)) {
            if (code.text.empty() || code.text.front() != 'G') continue; // not a Guichet card
            auto it = reported.find(code.text);
            if (it != reported.end() && now - it->second < options_.repeatAfter) continue;
            reported[code.text] = now;
            push(kiosk::CardSeen{code.text});
        }
    }
}

void KioskWorker::storeLoop() {
    auto store = store::Store::open(options_.dbPath);
    if (!store) {
        std::fprintf(stderr, "guichet-kiosk: %s\n", store.error().message.c_str());
        push(kiosk::BackendDown{});
    }
    SystemClock clock;
    auto policy = [&]() -> Result<cards::VerifyPolicy> {
        return desk::verifyPolicy(desk::resolveCardSetup(*store, options_.dbPath), clock.today());
    };
    auto person = [&](const desk::VisitOutcome& visit) {
        kiosk::Person p;
        p.dossier = visit.dossier;
        p.counts = visit.counts;
        p.endsOn = visit.endsOn;
        if (options_.showFirstName)
            if (auto d = store->findDossier(visit.dossier); d && *d) p.firstName = (*d)->prenom;
        return p;
    };
    bool paperOut = false;
    auto checkPrinter = [&] {
        if (printer_ == nullptr) return;
        const bool out = !printer_->checkReady();
        if (out != paperOut)
            push(out ? kiosk::Input{kiosk::PrinterOutOfPaper{}} : kiosk::Input{kiosk::PrinterReady{}});
        paperOut = out;
    };
    checkPrinter();
    while (true) {
        kiosk::Intent job;
        {
            std::unique_lock lock(mutex_);
            // The printer is asked every `printerCheck` while there is nothing else to do (it has
            // one owner: this thread), so the kiosk knows before someone asks for a ticket.
            if (!wake_.wait_for(lock, options_.printerCheck,
                                [this] { return stopping_ || !jobs_.empty(); })) {
                lock.unlock();
                checkPrinter();
                continue;
            }
            if (stopping_) return;
            job = jobs_.front();
            jobs_.pop_front();
        }
        if (!store) {
            if (const auto* v = std::get_if<kiosk::VerifyCard>(&job)) push(kiosk::CardRefused{v->request});
            if (const auto* v = std::get_if<kiosk::VerifyCode>(&job)) push(kiosk::CardRefused{v->request});
            continue;
        }
        if (const auto* card = std::get_if<kiosk::VerifyCard>(&job)) {
            auto p = policy();
            desk::Visits visits(*store, clock);
            auto visit = p ? visits.checkInWithCard(card->token, *p) : Result<desk::VisitOutcome>(p.error());
            if (!visit)
                std::fprintf(stderr, "guichet-kiosk: card check failed: %s\n", visit.error().message.c_str());
            if (visit && visit->accepted) {
                std::fprintf(stderr, "guichet-kiosk: dossier %lld checked in (visit %s)\n",
                             static_cast<long long>(visit->dossier),
                             visit->repeated ? "already recorded" : "recorded");
                push(kiosk::CardAccepted{card->request, person(*visit)});
            } else {
                if (visit)
                    std::fprintf(stderr, "guichet-kiosk: card refused: %s\n", visit->staffReason.c_str());
                push(kiosk::CardRefused{card->request});
            }
        } else if (const auto* code = std::get_if<kiosk::VerifyCode>(&job)) {
            auto p = policy();
            desk::TypedCodes codes(*store, clock);
            auto check =
                p ? codes.checkIn(code->code, options_.kioskId, *p) : Result<desk::CodeCheck>(p.error());
            if (!check)
                std::fprintf(stderr, "guichet-kiosk: code check failed: %s\n", check.error().message.c_str());
            if (check && check->visit.accepted) {
                push(kiosk::CardAccepted{code->request, person(check->visit)});
            } else {
                if (check)
                    std::fprintf(stderr, "guichet-kiosk: typed code refused: %s\n",
                                 check->visit.staffReason.c_str());
                push(kiosk::CardRefused{code->request});
            }
        } else if (const auto* ticket = std::get_if<kiosk::IssueTicket>(&job)) {
            desk::Visits visits(*store, clock);
            auto issued = visits.askForMail(ticket->dossier, printer_);
            if (!issued) {
                std::fprintf(stderr, "guichet-kiosk: ticket failed: %s\n", issued.error().message.c_str());
                push(kiosk::CardRefused{ticket->request});
                continue;
            }
            const bool printed = printer_ != nullptr && issued->printProblem.empty();
            if (!issued->printProblem.empty())
                std::fprintf(stderr, "guichet-kiosk: printer: %s\n", issued->printProblem.c_str());
            push(kiosk::TicketIssued{ticket->request, issued->ticket.number, printed});
            if (!printed && printer_ != nullptr) {
                push(kiosk::PrinterOutOfPaper{});
                paperOut = true;
            }
        }
    }
}

void KioskWorker::voiceLoop() {
    while (true) {
        std::pair<std::string, std::string> sentence;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || sentence_.has_value(); });
            if (stopping_) return;
            sentence = std::move(*sentence_);
            sentence_.reset();
        }
        if (speech_ == nullptr) continue;
        if (auto said = speech_->say(sentence.first, sentence.second); !said)
            std::fprintf(stderr, "guichet-kiosk: speech: %s\n", said.error().message.c_str());
    }
}

} // namespace guichet::kioskapp
