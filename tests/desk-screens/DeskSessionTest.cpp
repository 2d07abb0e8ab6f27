// A scripted session of the desk app, headless: the real session and worker (its own store
// connection, the desk workflows) on a store prepared with the desk workflows, driven by injected
// keys; the store is checked afterwards.
#include "DeskSession.hpp"

#include "EnvelopeTwin.hpp"
#include "IntakeWorker.hpp"
#include "TempDir.hpp"
#include "guichet/desk/Intake.hpp"
#include "guichet/desk/Review.hpp"
#include "guichet/desk/Visits.hpp"
#include "guichet/directory/DirectoryFile.hpp"
#include "guichet/reader/Reader.hpp"
#include "guichet/store/Store.hpp"
#include "guichet/ui/Context.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace guichet;
using ui::Key;
using ui::desk::DeskScreen;

namespace {

Date ymd(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

Dossier dossier(DossierRef ref, const char* nom, const char* prenom) {
    Dossier d;
    d.ref = ref;
    d.customRef = std::to_string(ref - 1000);
    d.nom = nom;
    d.prenom = prenom;
    d.statut = Statut::Valide;
    d.dateDebut = ymd(2026, 1, 1);
    d.dateFin = ymd(2027, 12, 31);
    return d;
}

reader::Reading confirm(std::vector<DossierRef> candidates) {
    reader::Reading r;
    r.image = "scan.png";
    r.decision = match::Decision::Confirm;
    double score = 0.8;
    for (DossierRef ref : candidates) {
        match::Candidate c;
        c.dossier = ref;
        c.score = score;
        score -= 0.1;
        r.candidates.push_back(c);
    }
    r.confidence = 0.8;
    return r;
}

struct Desk {
    test::TempDir dir;
    std::string db = (dir.path() / "guichet.db").string();
    ManualClock clock{Instant{std::chrono::sys_days{ymd(2026, 12, 6)}} + std::chrono::hours{10}};
    std::unique_ptr<ui::Context> context;
    std::unique_ptr<deskapp::DeskWorker> worker;
    std::unique_ptr<deskapp::DeskSession> session;

    void start() {
        ui::ContextOptions options;
        auto created = ui::Context::create(options);
        REQUIRE(created.has_value());
        context = std::move(*created);
        worker = std::make_unique<deskapp::DeskWorker>(deskapp::WorkerOptions{
            db, "staff-7", ui::Language::French, &clock, (dir.path() / "exports").string(), "CCAS test"});
        session = std::make_unique<deskapp::DeskSession>(*worker, ui::Language::French);
        settle();
    }
    void frame(const ui::FrameInput& input) {
        context->beginFrame(input);
        session->frame(context->frame());
        context->endFrame();
    }
    /// Frames until the worker has answered and its answers are in the views.
    void settle() {
        for (int i = 0; i < 2000; ++i) {
            if (!session->busy()) {
                frame({});
                if (!session->busy()) return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        FAIL("the worker did not answer");
    }
    void input(const std::vector<ui::FrameInput>& frames) {
        for (const ui::FrameInput& f : frames) {
            frame(f);
            settle();
        }
    }
    void type(const std::string& text) {
        for (char c : text)
            input(ui::textFrames(std::string(1, c)));
    }
};

MailItem item(store::Store& store, MailItemId id) {
    auto found = store.findMailItem(id);
    REQUIRE(found);
    REQUIRE(found->has_value());
    return **found;
}

} // namespace

TEST_CASE("a morning at the desk: two reviews, a proxy hand-over, an expired proxy refused, a ticket") {
    Desk desk;
    auto opened = store::Store::open(desk.db);
    REQUIRE(opened);
    store::Store store = std::move(*opened);
    Dossier martin = dossier(1001, "MARTIN", "Sophie");
    martin.procurations = {{"DUPONT", "Jean", std::nullopt, ymd(2026, 6, 1), ymd(2027, 5, 31)},
                           {"DURAND", "Paul", std::nullopt, ymd(2025, 1, 1), ymd(2026, 11, 30)}};
    REQUIRE(store.upsertDossiers({martin, dossier(1002, "MARTINS", "Sophia"), dossier(1003, "PETIT", "Anne"),
                                  dossier(1004, "BERNARD", "Luc")}));
    desk::Intake intake(store, desk.clock);
    auto first = intake.record({confirm({1001, 1002})}, "scan-1.png");
    auto second = intake.record({confirm({1002, 1001})}, "scan-2.png");
    REQUIRE(first);
    REQUIRE(second);
    const MailItemId firstItem = first->front().item;
    const MailItemId secondItem = second->front().item;
    auto registered = intake.recordManual(1001, MailKind::Recommande, "1A00000000001", "staff-1");
    REQUIRE(registered);
    desk::Visits visits(store, desk.clock);
    auto ticket = visits.askForMail(1004, nullptr);
    REQUIRE(ticket);

    desk.start();
    REQUIRE(desk.session->screen() == DeskScreen::Review);
    REQUIRE(desk.session->review().items.size() == 2);
    CHECK(desk.session->review().items[0].id == firstItem);

    // 1 confirms the first-ranked candidate: one keystroke; the next item comes up at once.
    desk.type("1");
    REQUIRE(desk.session->review().items.size() == 1);
    CHECK(desk.session->review().items[0].id == secondItem);
    CHECK(item(store, firstItem).state == MailState::Pending);
    CHECK(item(store, firstItem).dossier == 1001);
    CHECK(item(store, firstItem).method == MatchMethod::StaffConfirmed);
    CHECK(item(store, firstItem).matchedBy == "staff-7");

    // / and a name: any dossier, picked with Enter.
    desk.type("/");
    CHECK(desk.session->review().mode == ui::desk::ReviewMode::Searching);
    desk.type("petit");
    REQUIRE_FALSE(desk.session->review().results.empty());
    CHECK(desk.session->review().results[0].ref == 1003);
    desk.input(ui::keyFrames(Key::Enter));
    CHECK(desk.session->review().items.empty());
    CHECK(item(store, secondItem).dossier == 1003);
    CHECK(item(store, secondItem).method == MatchMethod::StaffManual);

    // F3, the person by ref: pending letters and registered mail; the expired proxy stays disabled.
    desk.input(ui::keyFrames(Key::F3));
    desk.type("1001");
    REQUIRE_FALSE(desk.session->person().found.empty());
    desk.input(ui::keyFrames(Key::Enter));
    const auto& person = desk.session->person();
    REQUIRE(person.ref == 1001);
    CHECK(person.name == "MARTIN Sophie");
    CHECK(person.counts.courrier == 1);
    CHECK(person.counts.recommande == 1);
    REQUIRE(person.proxies.size() == 2);
    CHECK(person.proxies[0].valid);
    CHECK_FALSE(person.proxies[1].valid);
    desk.type("2"); // the expired proxy: refused, the person stays chosen
    CHECK(desk.session->person().collector == 0);

    // The workflow refuses it too when asked directly (what the screen's disabled row stands for).
    desk.worker->post(deskapp::command::HandOver{{1001, 1, {MailKind::Courrier}}});
    desk.settle();
    CHECK(desk.session->header().statusIsRefusal);
    CHECK(desk.session->header().status.find("expired") != std::string::npos);
    CHECK(item(store, firstItem).state == MailState::Pending);

    // The valid proxy, the registered mail ticked explicitly, V.
    desk.type("1");
    desk.type("r");
    CHECK(desk.session->person().collector == 1);
    desk.type("v");
    CHECK_FALSE(desk.session->header().statusIsRefusal);
    const MailItem handed = item(store, firstItem);
    CHECK(handed.state == MailState::HandedOver);
    CHECK(handed.handedToProxy == 0);
    CHECK(handed.closedBy == "staff-7");
    CHECK(item(store, registered->item).state == MailState::HandedOver);
    CHECK(item(store, registered->item).handedToProxy == 0);
    CHECK(desk.session->person().counts.total() == 0);

    // Another screen: the person's data is gone from the app.
    desk.input(ui::keyFrames(Key::F4));
    CHECK(desk.session->person().name.empty());
    CHECK(desk.session->person().items.empty());
    REQUIRE(desk.session->queue().tickets.size() == 1);
    desk.input(ui::keyFrames(Key::Enter));
    CHECK(desk.session->screen() == DeskScreen::Person);
    CHECK(desk.session->person().ref == 1004);
    auto served = store.findTicket(ticket->ticket.id);
    REQUIRE(served);
    REQUIRE(served->has_value());
    CHECK((*served)->closedAt.has_value());
    CHECK((*served)->closedBy == "staff-7");

    // The audit names the staff id, never a name.
    auto audit = store.auditLog(100);
    REQUIRE(audit);
    for (const store::AuditEntry& entry : *audit) {
        CHECK(entry.subject.find("MARTIN") == std::string::npos);
        CHECK(entry.actor.find("MARTIN") == std::string::npos);
    }
}

TEST_CASE("the intake: the camera twin lays an envelope, it is read off the UI thread, recorded, shown, "
          "undone with Z") {
    Desk desk;
    {
        auto opened = store::Store::open(desk.db);
        REQUIRE(opened);
        auto directory = directory::readDirectoryFile(std::string(GUICHET_SOURCE_DIR) +
                                                      "/data/samples/envelopes/directory.csv");
        REQUIRE(directory);
        REQUIRE(opened->upsertDossiers(directory->dossiers));
    }
    deskapp::TwinOptions twin;
    twin.images = {std::string(GUICHET_SOURCE_DIR) + "/data/samples/envelopes/scan-printed.jpg"};
    twin.slideFrames = 4;
    twin.stillFrames = 40;
    twin.emptyFrames = 20;
    twin.loop = false;
    deskapp::IntakeOptions options;
    options.dbPath = desk.db;
    options.staff = "staff-7";
    options.camera = std::make_shared<deskapp::EnvelopeTwin>(twin);
    options.cameraName = "twin";
    options.clock = &desk.clock;
    deskapp::IntakeWorker intake(options);

    ui::ContextOptions contextOptions;
    auto created = ui::Context::create(contextOptions);
    REQUIRE(created.has_value());
    desk.context = std::move(*created);
    desk.worker = std::make_unique<deskapp::DeskWorker>(
        deskapp::WorkerOptions{desk.db, "staff-7", ui::Language::French, &desk.clock,
                               (desk.dir.path() / "exports").string(), "CCAS test"});
    deskapp::SessionOptions sessionOptions;
    sessionOptions.undoFor = std::chrono::seconds{120}; // the machine may be slow; the rule is the workflow's
    desk.session = std::make_unique<deskapp::DeskSession>(*desk.worker, ui::Language::French,
                                                          deskapp::TextureHost{}, &intake, sessionOptions);
    desk.session->show(DeskScreen::Intake);
    desk.settle();

    // Frames go on while the envelope is read: the UI never waits for the reading.
    bool sawLive = false;
    bool sawOutline = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{150};
    while (desk.session->intake().strip.empty() && std::chrono::steady_clock::now() < deadline) {
        desk.frame({});
        sawLive = sawLive || desk.session->intake().cameraLive;
        sawOutline = sawOutline || desk.session->intake().outline.has_value();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(sawLive);
    CHECK(sawOutline);
    REQUIRE(desk.session->intake().strip.size() == 1);
    const ui::desk::EnvelopeRow row = desk.session->intake().strip.front();
    CHECK(row.outcome == ui::desk::EnvelopeOutcome::Auto);
    CHECK(row.dossier == std::optional<DossierRef>{1084});
    REQUIRE(row.item != 0);
    REQUIRE(desk.session->intake().shown.has_value());
    CHECK(desk.session->intake().undoItem == std::optional<MailItemId>{row.item});
    CHECK(desk.session->readFromFrames().size() == 1);

    auto opened = store::Store::open(desk.db);
    REQUIRE(opened);
    store::Store store = std::move(*opened);
    CHECK(item(store, row.item).state == MailState::Pending);
    CHECK(item(store, row.item).dossier == std::optional<DossierRef>{1084});

    // Z: "not this one". The item goes back to the review queue; the strip says so.
    desk.input(ui::textFrames("z"));
    for (int i = 0;
         i < 500 && desk.session->intake().strip.front().outcome != ui::desk::EnvelopeOutcome::Review; ++i) {
        desk.frame({});
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(desk.session->intake().strip.front().outcome == ui::desk::EnvelopeOutcome::Review);
    CHECK(item(store, row.item).state == MailState::AwaitingReview);
    CHECK_FALSE(desk.session->intake().undoItem.has_value());
    desk.settle();
    REQUIRE(desk.session->review().items.size() == 1);
    // The review shows what the reader read of it, and why the matcher proposed its candidates.
    const ui::desk::ReviewItem& undoneItem = desk.session->review().items.front();
    CHECK(undoneItem.id == row.item);
    REQUIRE_FALSE(undoneItem.linesRead.empty());
    bool named = false;
    for (const std::string& line : undoneItem.linesRead)
        named = named || line.find("GAUTHIER") != std::string::npos;
    CHECK(named);
    INFO("candidates: " << undoneItem.candidates.size());
    for (const ui::desk::CandidateRow& candidate : undoneItem.candidates)
        if (candidate.ref == 1084) CHECK(candidate.why.find("exact") != std::string::npos);
}

TEST_CASE(
    "returns and statistics at the desk: today's list, the slip and the CSV files, the period's figures") {
    Desk desk;
    MailItemId returned = 0;
    {
        auto opened = store::Store::open(desk.db);
        REQUIRE(opened);
        store::Store store = std::move(*opened);
        REQUIRE(
            store.upsertDossiers({dossier(1001, "MARTIN", "Sophie"), dossier(1002, "MARTINS", "Sophia")}));
        desk::Intake intake(store, desk.clock);
        auto recorded = intake.record({confirm({1001, 1002})}, "scan-1.png");
        REQUIRE(recorded);
        returned = recorded->front().item;
        desk::Review review(store, desk.clock);
        REQUIRE(review.returnToSender(returned, desk::ReturnReason::UnknownRecipient, "staff-1"));
    }
    desk.start();
    const std::filesystem::path exports = desk.dir.path() / "exports";

    desk.input(ui::keyFrames(Key::F5));
    REQUIRE(desk.session->screen() == DeskScreen::Returns);
    REQUIRE(desk.session->returns().rows.size() == 1);
    CHECK(desk.session->returns().rows[0].item == returned);
    CHECK(desk.session->returns().rows[0].reason == "Destinataire inconnu");
    CHECK(desk.session->returns().day == "06/12/2026");
    desk.input(ui::textFrames("p"));
    desk.input(ui::textFrames("c"));
    std::ifstream pdf(exports / "retours-2026-12-06.pdf", std::ios::binary);
    std::string head(4, '\0');
    pdf.read(head.data(), 4);
    CHECK(head == "%PDF");
    std::ifstream csv(exports / "retours-2026-12-06.csv");
    const std::string lines((std::istreambuf_iterator<char>(csv)), std::istreambuf_iterator<char>());
    CHECK(lines.find("\n" + std::to_string(returned) + ",") != std::string::npos);
    CHECK(desk.session->header().status.find("retours-2026-12-06.csv") != std::string::npos);

    desk.input(ui::keyFrames(Key::F6));
    REQUIRE(desk.session->screen() == DeskScreen::Statistics);
    CHECK(desk.session->stats().total.received.courrier == 1);
    CHECK(desk.session->stats().total.returned == 1);
    desk.input(ui::textFrames("2"));
    CHECK(desk.session->stats().period == ui::desk::StatsPeriod::Week);
    CHECK(desk.session->stats().days.size() == 7);
    CHECK(desk.session->stats().days.back().label == "06/12");
    desk.input(ui::textFrames("c"));
    CHECK(std::filesystem::exists(exports / "statistiques-semaine-2026-12-06.csv"));
}

TEST_CASE("sync at the desk: a parked event is shown with its reason and put back in the queue with Enter") {
    Desk desk;
    EventId parked = 0;
    {
        auto opened = store::Store::open(desk.db);
        REQUIRE(opened);
        store::Store store = std::move(*opened);
        REQUIRE(store.upsertDossiers({dossier(1001, "MARTIN", "Sophie")}));
        Event event;
        event.type = EventType::Visite;
        event.dossier = 1001;
        event.createdAt = desk.clock.now();
        auto id = store.enqueueEvent(event);
        REQUIRE(id);
        parked = *id;
        event.id = parked;
        event.state = EventState::Parked;
        event.lastError = "400: usager introuvable";
        REQUIRE(store.updateEvent(event));
    }
    desk.start();
    desk.input(ui::keyFrames(Key::F7));
    REQUIRE(desk.session->screen() == DeskScreen::Sync);
    REQUIRE(desk.session->sync().parked.size() == 1);
    CHECK(desk.session->sync().parked[0].event == parked);
    CHECK(desk.session->sync().parked[0].reason == "400: usager introuvable");
    CHECK(desk.session->sync().account.find("guichet@ccas-demo.fr") == 0);
    desk.input(ui::keyFrames(Key::Enter));
    CHECK(desk.session->sync().parked.empty());
    CHECK(desk.session->sync().pending == 1);
    auto opened = store::Store::open(desk.db);
    REQUIRE(opened);
    auto waiting = opened->events(EventState::Pending);
    REQUIRE(waiting);
    REQUIRE(waiting->size() == 1);
    CHECK(waiting->front().id == parked);
}

TEST_CASE("the camera twin: each envelope slides in, lies still, leaves an empty desk, and a missing image "
          "is named") {
    deskapp::TwinOptions options;
    options.images = {std::string(GUICHET_SOURCE_DIR) + "/data/samples/envelopes/scan-printed.jpg",
                      std::string(GUICHET_SOURCE_DIR) + "/data/samples/envelopes/scan-registered.jpg"};
    options.width = 320;
    options.height = 180;
    options.slideFrames = 2;
    options.stillFrames = 3;
    options.emptyFrames = 2;
    options.loop = false;
    deskapp::EnvelopeTwin twin(options);
    REQUIRE(twin.start());
    CHECK(twin.cycle() == 7);
    // Frames 1-2 slide, 3-5 lie still (envelope 0), 6-7 empty; then envelope 1.
    CHECK_FALSE(twin.stillEnvelope(2).has_value());
    CHECK(twin.stillEnvelope(3) == std::optional<std::size_t>{0});
    CHECK(twin.stillEnvelope(5) == std::optional<std::size_t>{0});
    CHECK_FALSE(twin.stillEnvelope(6).has_value());
    CHECK(twin.stillEnvelope(10) == std::optional<std::size_t>{1});
    CHECK_FALSE(twin.stillEnvelope(17).has_value()); // no loop: the twin has ended
    auto centre = [](const Frame& frame) {
        const std::size_t at =
            static_cast<std::size_t>((frame.height / 2) * frame.stride + (frame.width / 2) * 3);
        return static_cast<int>(frame.bgr[at]) + frame.bgr[at + 1] + frame.bgr[at + 2];
    };
    const Frame still = twin.frameAt(4);
    const Frame empty = twin.frameAt(7);
    CHECK(still.width == 320);
    CHECK(still.sequence == 4);
    CHECK(centre(still) > centre(empty) + 150); // paper is brighter than the dark desk
    CHECK(twin.frameAt(4).bgr == still.bgr);    // a frame is the same whenever it is made

    deskapp::TwinOptions missing = options;
    missing.images = {"/nonexistent/envelope.jpg"};
    deskapp::EnvelopeTwin broken(missing);
    auto started = broken.start();
    REQUIRE_FALSE(started);
    CHECK(started.error().message.find("/nonexistent/envelope.jpg") != std::string::npos);
}
