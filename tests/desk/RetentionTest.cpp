// Retention on a fake clock: crops go a week after the decision, closed mail becomes anonymous
// daily counts after 13 months (the statistics do not move), nothing undelivered or still open is
// touched, and a purge killed half-way leaves a store that verifies and that the next purge finishes.
#include "guichet/desk/Retention.hpp"

#include "DeskFixture.hpp"
#include "TempDir.hpp"
#include "guichet/desk/Handover.hpp"
#include "guichet/desk/Intake.hpp"
#include "guichet/desk/Review.hpp"
#include "guichet/desk/Statistics.hpp"
#include "guichet/desk/Visits.hpp"

#include <csignal>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace guichet;
using namespace guichet::test;

namespace {

struct FileDesk {
    TempDir dir;
    ManualClock clock{at(2026, 11, 30, 9)};
    std::string path = dir.file("desk.db");
    store::Store store = open();

    store::Store open() {
        store::Options o;
        o.now = [this] { return clock.now(); };
        auto s = store::Store::open(path, o);
        INFO((s ? "" : s.error().message));
        REQUIRE(s);
        REQUIRE(s->upsertDossiers(deskDossiers()));
        return std::move(s).value();
    }
    /// What the sync engine does once DomiFa has the events.
    void deliverAll() {
        auto all = store.events(std::nullopt);
        REQUIRE(all);
        for (Event e : *all) {
            e.state = EventState::Delivered;
            REQUIRE(store.updateEvent(e));
        }
    }
    desk::Statistics stats() {
        auto s = desk::statistics(store, ymd(2026, 11, 30), ymd(2026, 12, 31), desk::Period::Day);
        REQUIRE(s);
        return *s;
    }
};

void sameStatistics(const desk::Statistics& a, const desk::Statistics& b) {
    REQUIRE(a.rows.size() == b.rows.size());
    for (size_t i = 0; i < a.rows.size(); ++i) {
        INFO(a.rows[i].period);
        CHECK(a.rows[i] == b.rows[i]);
    }
    CHECK(a.total == b.total);
}

} // namespace

TEST_CASE("Retention: closed mail becomes daily counts after 13 months and the statistics do not move",
          "[retention]") {
    FileDesk f;
    desk::Intake intake(f.store, f.clock);
    desk::Review review(f.store, f.clock);
    desk::Handover handover(f.store, f.clock);
    desk::Visits visits(f.store, f.clock);
    REQUIRE(intake.record({reading(match::Decision::Auto, kValid)}, "1.jpg"));
    REQUIRE(intake.record({reading(match::Decision::Auto, kOther)}, "2.jpg"));
    auto confirm = intake.record(
        {reading(match::Decision::Confirm, std::nullopt, {kValid}, MailKind::Recommande)}, "3.jpg");
    REQUIRE(confirm);
    REQUIRE(review.pick(confirm->front().item, kValid, "staff-1"));
    auto unknown = intake.record({reading(match::Decision::Unknown, std::nullopt, {})}, "4.jpg");
    REQUIRE(unknown);
    REQUIRE(review.returnToSender(unknown->front().item, desk::ReturnReason::UnknownRecipient, "staff-1"));
    auto stays = intake.record({reading(match::Decision::Auto, kEndsSoon)}, "5.jpg"); // never collected
    REQUIRE(stays);
    f.clock.set(at(2026, 12, 2, 11));
    REQUIRE(visits.checkIn(kValid, "kiosk"));
    f.clock.set(at(2026, 12, 3, 21));
    REQUIRE(handover.handOver({kValid, std::nullopt, {MailKind::Courrier, MailKind::Recommande}, "staff-2"}));
    f.clock.set(at(2026, 12, 4, 9));
    Dossier other = makeDossier(kOther, Statut::Valide);
    other.procurations = {{"P", "Q", std::nullopt, ymd(2026, 1, 1), ymd(2027, 1, 1)}};
    REQUIRE(f.store.upsertDossiers({other}));
    REQUIRE(handover.handOver({kOther, 0, {MailKind::Courrier}, "staff-2"}));
    f.deliverAll();
    const desk::Statistics before = f.stats();
    CHECK(before.total.received.total() == 5);
    CHECK(before.total.handedToPerson == 2);
    CHECK(before.total.handedToProxy == 1);
    CHECK(before.total.returned == 1);
    CHECK(before.total.visits == 1);

    SECTION("12 months later nothing closed goes yet") {
        f.clock.set(at(2027, 12, 1));
        auto out = desk::purge(f.store, f.clock, false);
        REQUIRE(out);
        CHECK(out->report.mailItems == 0);
        CHECK(out->report.crops == 2); // the crops of the two reviewed items, long decided
        CHECK(f.store.mailItems(std::nullopt)->size() == 5);
    }
    SECTION("14 months later: a dry run says what would go and deletes nothing") {
        f.clock.set(at(2028, 2, 1));
        auto dry = desk::purge(f.store, f.clock, true);
        REQUIRE(dry);
        CHECK(dry->report.mailItems == 4);
        CHECK(f.store.mailItems(std::nullopt)->size() == 5);
        CHECK(f.store.auditLog(1000)->size() > 0);
    }
    SECTION("14 months later: four closed items go, the open one stays, the statistics are the same") {
        f.clock.set(at(2028, 2, 1));
        auto out = desk::purge(f.store, f.clock, false);
        REQUIRE(out);
        CHECK(out->report.mailItems == 4);
        CHECK(out->report.auditRows > 0); // everything before 2027-02-01
        auto left = f.store.mailItems(std::nullopt);
        REQUIRE(left->size() == 1);
        CHECK(left->front().id == stays->front().item);
        CHECK(f.store.events(std::nullopt)->size() == 1); // the open item's arrival
        sameStatistics(before, f.stats());
        auto v = f.store.verifyAudit();
        CHECK(v->ok);
        CHECK(v->anchoredThrough > 0);
        // A second purge finds nothing more.
        auto again = desk::purge(f.store, f.clock, false);
        REQUIRE(again);
        CHECK(again->report == store::PurgeReport{});
        sameStatistics(before, f.stats());
    }
    SECTION("an item whose event DomiFa may not have is kept, and so is an undelivered visit") {
        auto events = f.store.events(std::nullopt);
        for (Event e : *events) {
            if (e.type == EventType::Visite || e.mailItem == confirm->front().item) {
                e.state = e.type == EventType::Visite ? EventState::Pending : EventState::Uncertain;
                REQUIRE(f.store.updateEvent(e));
            }
        }
        f.clock.set(at(2028, 2, 1));
        auto out = desk::purge(f.store, f.clock, false);
        REQUIRE(out);
        CHECK(out->report.mailItems == 3);
        CHECK(out->report.heldBack == 1);
        CHECK(f.store.findMailItem(confirm->front().item)->has_value());
        CHECK(f.store.events(EventState::Pending)->size() == 1);
        sameStatistics(before, f.stats());
    }
}

TEST_CASE("Retention: a crop stays while its item waits for staff and goes 7 days after the decision",
          "[retention]") {
    FileDesk f;
    desk::Intake intake(f.store, f.clock);
    desk::Review review(f.store, f.clock);
    auto waiting = intake.record({reading(match::Decision::Confirm, std::nullopt, {kValid})}, "1.jpg");
    REQUIRE(waiting);
    const MailItemId id = waiting->front().item;
    REQUIRE_FALSE(f.store.mailCrop(id)->empty());
    f.clock.advance(std::chrono::hours(24 * 20));
    REQUIRE(desk::purge(f.store, f.clock, false));
    CHECK_FALSE(f.store.mailCrop(id)->empty()); // 20 days in review: staff still need it
    REQUIRE(review.pick(id, kValid, "staff-1"));
    f.clock.advance(std::chrono::hours(24 * 6));
    REQUIRE(desk::purge(f.store, f.clock, false));
    CHECK_FALSE(f.store.mailCrop(id)->empty());
    f.clock.advance(std::chrono::hours(24 * 2));
    auto out = desk::purge(f.store, f.clock, false);
    REQUIRE(out);
    CHECK(out->report.crops == 1);
    CHECK(f.store.mailCrop(id)->empty());
    CHECK(f.store.findMailItem(id)->value().state == MailState::Pending); // the item itself stays
}

TEST_CASE("Retention: settings are checked, and scans filed in the intake folders go after a week",
          "[retention]") {
    FileDesk f;
    REQUIRE(f.store.setSetting("retention.mail_months", "2"));
    auto bad = desk::retentionPolicy(f.store);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("retention.mail_months") != std::string::npos);
    CHECK(bad.error().message.find("holding period") != std::string::npos);
    REQUIRE(f.store.setSetting("retention.mail_months", "soon"));
    CHECK_FALSE(desk::retentionPolicy(f.store));
    CHECK_FALSE(desk::purge(f.store, f.clock, false)); // never purges on a bad setting
    REQUIRE(f.store.setSetting("retention.mail_months", ""));
    auto policy = desk::retentionPolicy(f.store);
    REQUIRE(policy);
    CHECK(policy->cropDays == 7);
    CHECK(policy->mailDays == 403);
    CHECK(policy->auditDays == 365);

    const auto folder = f.dir.path() / "hot";
    std::filesystem::create_directories(folder / "done");
    std::filesystem::create_directories(folder / "failed");
    std::ofstream(folder / "done" / "scan1.jpg") << "x";
    std::ofstream(folder / "failed" / "scan2.pdf") << "x";
    std::ofstream(folder / "waiting.jpg") << "x"; // not filed yet: never touched
    REQUIRE(desk::addRetentionFolder(f.store, folder.string()));
    REQUIRE(desk::addRetentionFolder(f.store, folder.string()));
    CHECK(desk::retentionFolders(f.store)->size() == 1);
    f.clock.set(now() + std::chrono::hours(24 * 3));
    auto early = desk::purge(f.store, f.clock, false);
    REQUIRE(early);
    CHECK(early->scans == 0);
    f.clock.set(now() + std::chrono::hours(24 * 8));
    auto dry = desk::purge(f.store, f.clock, true);
    CHECK(dry->scans == 2);
    CHECK(std::filesystem::exists(folder / "done" / "scan1.jpg"));
    auto late = desk::purge(f.store, f.clock, false);
    CHECK(late->scans == 2);
    CHECK_FALSE(std::filesystem::exists(folder / "done" / "scan1.jpg"));
    CHECK_FALSE(std::filesystem::exists(folder / "failed" / "scan2.pdf"));
    CHECK(std::filesystem::exists(folder / "waiting.jpg"));
}

TEST_CASE("Retention: a dossier DomiFa no longer lists loses its card", "[retention]") {
    FileDesk f;
    REQUIRE(f.store.saveCard(Card{"S1", kOther, 1, ymd(2026, 11, 1), false}));
    REQUIRE(f.store.saveCard(Card{"S1", kValid, 1, ymd(2026, 11, 1), false}));
    auto removed = f.store.removeDossiersExcept({kValid, kEndsSoon});
    REQUIRE(removed);
    CHECK(f.store.findCard("S1", kOther)->value().revoked);
    CHECK_FALSE(f.store.findCard("S1", kValid)->value().revoked);
}

TEST_CASE("Retention: a purge killed half-way leaves a consistent store that the next purge finishes",
          "[retention]") {
    FileDesk f;
    constexpr int kItems = 900; // several batches
    REQUIRE(f.store.transaction([&]() -> Result<void> {
        for (int i = 0; i < kItems; ++i) {
            MailItem m;
            m.kind = i % 3 == 0 ? MailKind::Recommande : MailKind::Courrier;
            m.arrivedAt = at(2026, 11, 30, 8) + std::chrono::hours(i % 72);
            m.dossier = kValid;
            m.method = i % 2 ? MatchMethod::Auto : MatchMethod::StaffConfirmed;
            m.state = i % 5 == 0 ? MailState::ReturnToSender : MailState::HandedOver;
            m.closedAt = m.arrivedAt + std::chrono::hours(5 + i % 100);
            if (i % 7 == 0 && m.state == MailState::HandedOver) m.handedToProxy = 0;
            Event e;
            e.type = EventType::CourrierIn;
            e.dossier = kValid;
            e.state = EventState::Delivered;
            e.createdAt = m.arrivedAt;
            auto id = f.store.recordMailItem(m, e, {1, 2, 3});
            if (!id) return id.error();
            if (auto a = f.store.audit("staff-1", "mail.handed_over", "mail:" + std::to_string(*id)); !a)
                return a;
        }
        return {};
    }));
    const desk::Statistics before = f.stats();
    CHECK(before.total.received.total() == kItems);
    f.clock.set(at(2028, 2, 1));
    const std::string path = f.path;
    f.store = store::Store::open(":memory:").value(); // the test's own connection closed before fork

    int pipeFds[2];
    REQUIRE(::pipe(pipeFds) == 0);
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(pipeFds[0]);
        store::Options o;
        o.now = [&f] { return f.clock.now(); };
        auto s = store::Store::open(path, o);
        if (!s) ::_exit(3);
        (void)desk::purge(*s, f.clock, false, [&](const store::PurgeReport& r) {
            if (r.mailItems > 0) (void)!::write(pipeFds[1], "b", 1);
        });
        ::_exit(0);
    }
    ::close(pipeFds[1]);
    char byte = 0;
    REQUIRE(::read(pipeFds[0], &byte, 1) == 1); // the first batch of mail is committed
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ::close(pipeFds[0]);

    store::Options o;
    o.now = [&f] { return f.clock.now(); };
    auto s = store::Store::open(path, o);
    REQUIRE(s);
    f.store = std::move(*s);
    CHECK(*f.store.integrityCheck() == "ok");
    CHECK(f.store.verifyAudit()->ok);
    const size_t left = f.store.mailItems(std::nullopt)->size();
    if (WIFSIGNALED(status)) CHECK(left < static_cast<size_t>(kItems));
    // Every item is counted once: in the table or in the daily counts.
    sameStatistics(before, f.stats());
    CHECK(f.store.events(std::nullopt)->size() == left);

    auto finish = desk::purge(f.store, f.clock, false);
    REQUIRE(finish);
    CHECK(finish->report.mailItems == static_cast<std::int64_t>(left));
    CHECK(f.store.mailItems(std::nullopt)->empty());
    sameStatistics(before, f.stats());
    CHECK(f.store.verifyAudit()->ok);
}
