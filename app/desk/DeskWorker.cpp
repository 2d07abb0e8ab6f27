#include "DeskWorker.hpp"

#include "guichet/desk/Handover.hpp"
#include "guichet/desk/Returns.hpp"
#include "guichet/desk/Review.hpp"
#include "guichet/desk/Statistics.hpp"
#include "guichet/desk/Visits.hpp"
#include "guichet/match/Matcher.hpp"
#include "guichet/store/Store.hpp"
#include "guichet/sync/Setup.hpp"
#include "guichet/sync/SyncEngine.hpp"
#include "guichet/ui/DeskStrings.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

namespace guichet::deskapp {
namespace {

std::string dayAndTime(Instant at) {
    const std::string iso = formatInstant(at); // YYYY-MM-DDTHH:MM:SSZ
    return formatDateFr(dateOf(at)) + " " + iso.substr(11, 5);
}

std::string fullName(const Dossier& d) {
    return d.nom + " " + d.prenom;
}

desk::ReturnReason reasonOf(ui::desk::ReturnChoice choice) {
    switch (choice) {
    case ui::desk::ReturnChoice::Refused:
        return desk::ReturnReason::Refused;
    case ui::desk::ReturnChoice::Npai:
        return desk::ReturnReason::Npai;
    case ui::desk::ReturnChoice::Radie:
        return desk::ReturnReason::Radie;
    case ui::desk::ReturnChoice::HoldingExpired:
        return desk::ReturnReason::HoldingExpired;
    }
    return desk::ReturnReason::Refused;
}

/// What the store can say of a candidate: its score, and a dossier that may not receive mail.
std::string whyOf(double score, const Dossier* dossier) {
    std::string why = "score " + std::to_string(static_cast<int>(score * 100 + 0.5)) + " %";
    if (dossier == nullptr) return why + " \u00B7 ?";
    if (dossier->statut != Statut::Valide) why += " \u00B7 " + std::string(toString(dossier->statut));
    if (dossier->npai.actif) why += " \u00B7 NPAI";
    if (dossier->dateFin) why += " \u00B7 fin " + formatDateFr(*dossier->dateFin);
    return why;
}

std::string reasonWords(desk::ReturnReason reason, ui::Language language) {
    switch (reason) {
    case desk::ReturnReason::UnknownRecipient:
        return std::string(ui::deskText(ui::DeskText::ReasonUnknown, language));
    case desk::ReturnReason::Radie:
        return std::string(ui::deskText(ui::DeskText::ReasonRadie, language));
    case desk::ReturnReason::Refus:
        return std::string(ui::deskText(ui::DeskText::WarnRefus, language));
    case desk::ReturnReason::Npai:
        return std::string(ui::deskText(ui::DeskText::ReasonNpai, language));
    case desk::ReturnReason::Refused:
        return std::string(ui::deskText(ui::DeskText::ReasonRefused, language));
    case desk::ReturnReason::HoldingExpired:
        return std::string(ui::deskText(ui::DeskText::ReasonHolding, language));
    }
    return {};
}

/// The first day of a period ending today: today, 6 days before, 29 days before.
Date periodStart(Date today, ui::desk::StatsPeriod period) {
    const int back = period == ui::desk::StatsPeriod::Day    ? 0
                     : period == ui::desk::StatsPeriod::Week ? 6
                                                             : 29;
    return Date{std::chrono::sys_days{today} - std::chrono::days{back}};
}

const char* periodName(ui::desk::StatsPeriod period) {
    return period == ui::desk::StatsPeriod::Day    ? "jour"
           : period == ui::desk::StatsPeriod::Week ? "semaine"
                                                   : "mois";
}

ui::desk::StatsFigures figuresOf(const desk::StatsRow& row, std::string label) {
    return {std::move(label),
            row.received,
            row.automatic,
            row.confirmed,
            row.manual,
            row.awaitingReview,
            row.handedToPerson + row.handedToProxy,
            row.returned,
            row.visits};
}

struct Session {
    store::Store store;
    const Clock& clock;
    std::string staff;
    ui::Language language;
    std::string exportDir;
    std::string structureName;
    desk::Review review{store, clock};
    desk::Handover handover{store, clock};
    desk::Visits visits{store, clock};
    std::unique_ptr<match::Directory> directory;

    Session(store::Store s, const Clock& c, std::string who, ui::Language l, std::string exports,
            std::string structure)
        : store(std::move(s)), clock(c), staff(std::move(who)), language(l), exportDir(std::move(exports)),
          structureName(std::move(structure)) {}

    Date today() const { return dateOf(clock.now()); }

    guichet::Result<std::filesystem::path> exportPath(const std::string& name) const {
        std::error_code ec;
        std::filesystem::create_directories(exportDir, ec);
        if (ec) return Error{exportDir + ": cannot create the exports folder: " + ec.message()};
        return std::filesystem::path(exportDir) / name;
    }

    result::Outcome written(const std::filesystem::path& path) const {
        return {words(ui::DeskText::WrittenTo) + " " + path.string(), false, false};
    }

    Result returns() {
        desk::Returns returnsFlow(store, clock);
        auto list = returnsFlow.list(today());
        if (!list) return refused("returns", list.error().message);
        auto proposals = returnsFlow.proposals();
        if (!proposals) return refused("returns", proposals.error().message);
        result::Returns out{formatDateFr(today()), {}, proposals->size()};
        for (const desk::ReturnLine& line : list->lines)
            out.rows.push_back({line.item.id, line.item.kind, line.item.tracking,
                                formatDateFr(dateOf(line.item.arrivedAt)), reasonWords(line.reason, language),
                                line.item.dossier});
        return out;
    }

    Result writeReturns(bool slip) {
        desk::Returns returnsFlow(store, clock);
        auto list = returnsFlow.list(today());
        if (!list) return refused("returns", list.error().message);
        const std::string stem = "retours-" + formatDate(today());
        auto path = exportPath(stem + (slip ? ".pdf" : ".csv"));
        if (!path) return refused("returns", path.error().message);
        if (slip) {
            std::string name = structureName;
            if (name.empty())
                if (auto setting = store.setting("structure.name"); setting && *setting) name = **setting;
            if (name.empty()) name = "Guichet";
            if (auto w = desk::Returns::writeSlipPdf(*list, name, path->string()); !w)
                return refused("slip", w.error().message);
        } else {
            std::ofstream out(*path, std::ios::binary);
            out << desk::Returns::csv(*list);
            if (!out.flush()) return refused("returns CSV", path->string() + ": cannot write");
        }
        std::fprintf(stderr, "guichet-desk: %zu return(s) written to %s\n", list->lines.size(),
                     path->c_str());
        return written(*path);
    }

    Result stats(ui::desk::StatsPeriod period) {
        const Date to = today();
        auto figures = desk::statistics(store, periodStart(to, period), to, desk::Period::Day);
        if (!figures) return refused("statistics", figures.error().message);
        result::Stats out{period, {}, figuresOf(figures->total, "total")};
        for (const desk::StatsRow& row : figures->rows) {
            const std::string label = row.period.size() >= 10
                                          ? row.period.substr(8, 2) + "/" + row.period.substr(5, 2)
                                          : row.period;
            out.days.push_back(figuresOf(row, label));
        }
        return out;
    }

    /// The account the sync uses: `email` of domifa.json beside the store, else the local stand-in's.
    std::string account() const {
        auto setup = sync::loadSetup(store.path());
        if (!setup) return "domifa.json ?";
        if (setup->standInDefaults)
            return setup->client.email + " (" + words(ui::DeskText::SyncStandIn) + ")";
        return setup->client.email;
    }

    Result syncState() {
        auto status = sync::readStatus(store);
        if (!status) return refused("sync", status.error().message);
        ui::desk::SyncView v;
        v.account = account();
        if (status->lastSuccess) v.lastSuccess = dayAndTime(*status->lastSuccess);
        v.lastError = status->lastError;
        v.login = status->login;
        v.halted = status->halted;
        v.pending = status->pending;
        v.uncertain = status->uncertain;
        v.delivered = status->delivered;
        for (const Event& e : status->parked)
            v.parked.push_back({e.id, toString(e.type), e.dossier, dayAndTime(e.createdAt), e.lastError});
        return result::Sync{std::move(v)};
    }

    Result exportStats(ui::desk::StatsPeriod period) {
        const Date to = today();
        auto figures = desk::statistics(store, periodStart(to, period), to, desk::Period::Day);
        if (!figures) return refused("statistics", figures.error().message);
        auto path =
            exportPath(std::string("statistiques-") + periodName(period) + "-" + formatDate(to) + ".csv");
        if (!path) return refused("statistics", path.error().message);
        std::ofstream out(*path, std::ios::binary);
        out << desk::toCsv(*figures);
        if (!out.flush()) return refused("statistics CSV", path->string() + ": cannot write");
        return written(*path);
    }

    std::string words(ui::DeskText key) const { return std::string(ui::deskText(key, language)); }

    result::Outcome refused(const std::string& what, const std::string& message) const {
        std::fprintf(stderr, "guichet-desk: %s refused: %s\n", what.c_str(), message.c_str());
        return {words(ui::DeskText::Refused) + "\u202f: " + message, true, false};
    }

    const match::Directory& dir() {
        if (!directory) {
            auto dossiers = store.loadDossiers();
            directory =
                std::make_unique<match::Directory>(dossiers ? std::move(*dossiers) : std::vector<Dossier>{});
        }
        return *directory;
    }

    Result reviewQueue() {
        result::Review out;
        auto queue = review.queue();
        if (!queue) return refused("review queue", queue.error().message);
        for (const MailItem& item : *queue) {
            ui::desk::ReviewItem row{item.id, item.kind, dayAndTime(item.arrivedAt), item.tracking, {},
                                     {},      {}};
            for (const auto& [ref, score] : item.candidates) {
                const Dossier* d = dir().find(ref);
                row.candidates.push_back(
                    {ref, d ? d->customRef : "", d ? fullName(*d) : "?", whyOf(score, d)});
            }
            ui::Image crop;
            if (auto png = store.mailCrop(item.id); png && !png->empty()) {
                auto decoded = ui::decodePng(std::span<const std::uint8_t>(png->data(), png->size()));
                if (decoded) crop = std::move(*decoded);
            }
            out.items.push_back(std::move(row));
            out.crops.push_back(std::move(crop));
        }
        return out;
    }

    Result tickets() {
        result::Tickets out;
        auto open = visits.queue();
        if (!open) return refused("kiosk queue", open.error().message);
        for (const store::QueueTicket& t : *open)
            out.tickets.push_back({t.id, t.number, t.dossier, t.counts, dayAndTime(t.createdAt).substr(11)});
        return out;
    }

    Result found(const command::Search& search) {
        result::Found out{search.forReview, search.text, {}};
        if (search.text.empty()) return out;
        const match::Directory& d = dir();
        std::vector<DossierRef> seen;
        auto add = [&](const Dossier& dossier, const std::string& why) {
            for (DossierRef ref : seen)
                if (ref == dossier.ref) return;
            seen.push_back(dossier.ref);
            out.rows.push_back({dossier.ref, dossier.customRef, fullName(dossier), why});
        };
        const bool digits = search.text.find_first_not_of("0123456789 ") == std::string::npos;
        if (digits)
            for (const Dossier& dossier : d.dossiers())
                if (std::to_string(dossier.ref) == search.text || dossier.customRef == search.text)
                    add(dossier, words(ui::DeskText::Ref) + " / " + words(ui::DeskText::Box));
        for (const match::Candidate& c : d.match({search.text}).candidates)
            if (const Dossier* dossier = d.find(c.dossier))
                add(*dossier, whyOf(c.score, dossier) + " \u00B7 " + c.why);
        if (out.rows.size() > 6) out.rows.resize(6);
        return out;
    }

    Result person(DossierRef ref) {
        auto pending = handover.pending(ref);
        if (!pending) return refused("dossier " + std::to_string(ref), pending.error().message);
        ui::desk::PersonView v;
        v.today = dateOf(clock.now());
        v.finding = false;
        v.ref = pending->dossier.ref;
        v.box = pending->dossier.customRef;
        v.name = fullName(pending->dossier);
        v.endsOn = pending->dossier.dateFin;
        v.counts = pending->counts;
        for (const MailItem& item : pending->items)
            v.items.push_back(
                {item.id, item.kind, item.count, formatDateFr(dateOf(item.arrivedAt)), item.tracking});
        for (const desk::ProxyOption& proxy : pending->proxies)
            v.proxies.push_back(
                {proxy.index, proxy.nom + " " + proxy.prenom, proxy.from, proxy.to, proxy.valid});
        for (const desk::Warning& warning : pending->warnings)
            v.warnings.push_back(warning.code);
        v.mayCollect = pending->refusal.empty();
        // Letters are ticked when there are some; registered mail and parcels only by staff.
        v.ticked = {v.counts.courrier > 0, false, false};
        return result::Person{std::move(v)};
    }

    std::vector<Result> handle(const Command& command) {
        std::vector<Result> out;
        const std::string done = words(ui::DeskText::Done) + "\u202f: ";
        if (std::holds_alternative<command::Refresh>(command)) {
            directory.reset(); // the directory may have been pulled since
            out.push_back(reviewQueue());
            out.push_back(tickets());
        } else if (const auto* pick = std::get_if<command::Pick>(&command)) {
            auto decided = review.pick(pick->item, pick->dossier, staff);
            if (!decided) {
                auto r = refused("mail " + std::to_string(pick->item), decided.error().message);
                r.reloadReview = true;
                out.push_back(r);
                out.push_back(reviewQueue());
            } else {
                out.push_back(result::Outcome{done + "n\u00B0 " + std::to_string(pick->item) + " \u2192 " +
                                                  words(ui::DeskText::Dossier) + " " +
                                                  std::to_string(pick->dossier),
                                              false, false});
            }
        } else if (const auto* unknown = std::get_if<command::Unknown>(&command)) {
            auto decided = review.returnToSender(unknown->item, desk::ReturnReason::UnknownRecipient, staff);
            if (!decided) {
                out.push_back(refused("mail " + std::to_string(unknown->item), decided.error().message));
                out.push_back(reviewQueue());
            } else {
                out.push_back(result::Outcome{done + "n\u00B0 " + std::to_string(unknown->item) + " " +
                                                  words(ui::DeskText::BackToSender),
                                              false, false});
            }
        } else if (const auto* back = std::get_if<command::Return>(&command)) {
            auto decided = review.returnToSender(back->item, reasonOf(back->reason), staff);
            if (!decided) {
                out.push_back(refused("mail " + std::to_string(back->item), decided.error().message));
                out.push_back(reviewQueue());
            } else {
                out.push_back(result::Outcome{done + "n\u00B0 " + std::to_string(back->item) + " " +
                                                  words(ui::DeskText::BackToSender),
                                              false, false});
            }
        } else if (const auto* search = std::get_if<command::Search>(&command)) {
            out.push_back(found(*search));
        } else if (const auto* load = std::get_if<command::LoadPerson>(&command)) {
            out.push_back(person(load->ref));
        } else if (const auto* hand = std::get_if<command::HandOver>(&command)) {
            desk::HandoverRequest request{hand->request.dossier, hand->request.proxy, hand->request.kinds,
                                          staff};
            auto receipt = handover.handOver(request);
            if (!receipt) {
                out.push_back(refused("hand-over, dossier " + std::to_string(request.dossier),
                                      receipt.error().message));
            } else {
                out.push_back(result::Outcome{done + words(ui::DeskText::Dossier) + " " +
                                                  std::to_string(request.dossier) + ", " +
                                                  ui::desk::describeCounts(receipt->handed, language) + " " +
                                                  words(ui::DeskText::HandedOver),
                                              false, false});
            }
            out.push_back(person(request.dossier));
        } else if (std::holds_alternative<command::LoadReturns>(command)) {
            out.push_back(returns());
        } else if (std::holds_alternative<command::MarkProposals>(command)) {
            desk::Returns returnsFlow(store, clock);
            auto notes = returnsFlow.applyProposals(staff);
            if (!notes) {
                out.push_back(refused("returns", notes.error().message));
            } else {
                std::string line = done + words(ui::DeskText::MarkProposals);
                for (const std::string& note : *notes)
                    line += " \u00B7 " + note;
                out.push_back(result::Outcome{line, false, false});
            }
            out.push_back(returns());
        } else if (std::holds_alternative<command::WriteSlip>(command)) {
            out.push_back(writeReturns(true));
        } else if (std::holds_alternative<command::ExportReturns>(command)) {
            out.push_back(writeReturns(false));
        } else if (const auto* loadStats = std::get_if<command::LoadStats>(&command)) {
            out.push_back(stats(loadStats->period));
        } else if (const auto* exportStatsCommand = std::get_if<command::ExportStats>(&command)) {
            out.push_back(exportStats(exportStatsCommand->period));
        } else if (std::holds_alternative<command::LoadSync>(command)) {
            out.push_back(syncState());
        } else if (const auto* requeue = std::get_if<command::Requeue>(&command)) {
            std::optional<EventId> one;
            if (requeue->event != 0) one = requeue->event;
            auto requeued = sync::requeueParked(store, one);
            if (!requeued)
                out.push_back(refused("requeue", requeued.error().message));
            else
                out.push_back(result::Outcome{done + std::to_string(requeued->size()) + " " +
                                                  words(ui::DeskText::SyncRequeued),
                                              false, false});
            out.push_back(syncState());
        } else if (const auto* serve = std::get_if<command::ServeTicket>(&command)) {
            auto served = visits.serve(serve->ticket, staff);
            if (!served)
                out.push_back(refused("ticket " + std::to_string(serve->ticket), served.error().message));
            out.push_back(tickets());
        }
        return out;
    }
};

} // namespace

DeskWorker::DeskWorker(WorkerOptions options) : options_(std::move(options)) {
    thread_ = std::thread([this] { run(); });
}

DeskWorker::~DeskWorker() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        commands_.clear();
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void DeskWorker::post(Command command) {
    {
        std::lock_guard lock(mutex_);
        commands_.push_back(std::move(command));
    }
    wake_.notify_all();
}

std::vector<Result> DeskWorker::drain() {
    std::lock_guard lock(mutex_);
    std::vector<Result> out;
    out.swap(results_);
    return out;
}

bool DeskWorker::idle() const {
    std::lock_guard lock(mutex_);
    return commands_.empty() && !running_;
}

void DeskWorker::run() {
    const Clock& clock = options_.clock != nullptr ? *options_.clock : systemClock_;
    auto opened = store::Store::open(options_.dbPath);
    std::unique_ptr<Session> session;
    if (opened) {
        std::string exports = options_.exportDir;
        if (exports.empty())
            exports = (std::filesystem::path(options_.dbPath).parent_path() / "exports").string();
        session = std::make_unique<Session>(std::move(*opened), clock, options_.staff, options_.language,
                                            exports, options_.structureName);
    } else {
        std::fprintf(stderr, "guichet-desk: %s\n", opened.error().message.c_str());
        std::lock_guard lock(mutex_);
        results_.push_back(result::Outcome{opened.error().message, true, false});
    }
    for (;;) {
        Command command;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stop_ || !commands_.empty(); });
            if (stop_) return;
            command = std::move(commands_.front());
            commands_.pop_front();
            running_ = true;
        }
        std::vector<Result> produced;
        if (session) produced = session->handle(command);
        std::lock_guard lock(mutex_);
        for (Result& r : produced)
            results_.push_back(std::move(r));
        running_ = false;
    }
}

} // namespace guichet::deskapp
