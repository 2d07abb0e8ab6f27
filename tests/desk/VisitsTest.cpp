#include "guichet/desk/Visits.hpp"

#include "DeskFixture.hpp"
#include "guichet/cards/Keys.hpp"
#include "guichet/desk/Intake.hpp"

using namespace guichet;
using namespace guichet::test;
using guichet::desk::Visits;

namespace {

struct RecordingPrinter : ReceiptPrinter {
    std::vector<Ticket> printed;
    bool outOfPaper = false;
    Result<void> print(const Ticket& t) override {
        if (outOfPaper) return Error{"printer /dev/usb/lp0: out of paper"};
        printed.push_back(t);
        return {};
    }
};

struct Cards {
    cards::SecretKey key = cards::SecretKey::generate();
    cards::VerifyPolicy policy(Date today) const {
        cards::VerifyPolicy p;
        p.structureId = "S1";
        p.publicKey = key.publicKey();
        p.today = today;
        return p;
    }
    std::string issue(store::Store& store, DossierRef ref, Date today, int serial = 1) const {
        REQUIRE(store.saveCard(Card{"S1", ref, serial, today, false}));
        auto token = cards::issueToken({"S1", ref, serial, today}, key);
        REQUIRE(token);
        return *token;
    }
};

} // namespace

TEST_CASE("visits: a card shown twice in ten minutes is one visit, later it is another") {
    DeskFixture f;
    Cards c;
    const std::string token = c.issue(f.store, kValid, f.clock.today());
    desk::Intake intake(f.store, f.clock);
    REQUIRE(intake.record({reading(match::Decision::Auto, kValid)}, "a.jpg"));
    REQUIRE(intake.record({reading(match::Decision::Auto, kValid, {}, MailKind::Recommande)}, "b.jpg"));
    Visits visits(f.store, f.clock);

    auto first = visits.checkInWithCard(token, c.policy(f.clock.today()));
    REQUIRE(first);
    CHECK(first->accepted);
    CHECK(first->dossier == kValid);
    CHECK(first->counts == PendingCounts{1, 1, 0});
    CHECK_FALSE(first->repeated);
    f.clock.advance(std::chrono::minutes(9));
    auto second = visits.checkInWithCard(token, c.policy(f.clock.today()));
    REQUIRE(second);
    CHECK(second->repeated);
    CHECK(second->visitEvent == first->visitEvent);
    f.clock.advance(std::chrono::minutes(2));
    auto third = visits.checkIn(kValid, "staff-1");
    REQUIRE(third);
    CHECK_FALSE(third->repeated);
    size_t visitEvents = 0;
    for (const Event& e : f.events())
        visitEvents += e.type == EventType::Visite;
    CHECK(visitEvents == 2);
}

TEST_CASE("visits: refusals carry the reason for staff only, and record no visit") {
    struct Case {
        const char* what;
        DossierRef dossier;
        bool revoke;
        int serialShown;
        const char* reason;
    };
    const Case cases[] = {
        {"revoked card", kValid, true, 1, "revoked"},
        {"older card (superseded)", kValid, false, 0, "superseded"},
        {"struck-off person", kRadie, false, 1, "radie"},
    };
    for (const Case& k : cases) {
        SECTION(k.what) {
            DeskFixture f;
            Cards c;
            std::string token = c.issue(f.store, k.dossier, f.clock.today(), 2);
            if (k.serialShown == 0) {
                auto old = cards::issueToken({"S1", k.dossier, 1, f.clock.today()}, c.key);
                REQUIRE(old);
                token = *old;
            }
            if (k.revoke) REQUIRE(f.store.saveCard(Card{"S1", k.dossier, 2, f.clock.today(), true}));
            Visits visits(f.store, f.clock);
            auto out = visits.checkInWithCard(token, c.policy(f.clock.today()));
            REQUIRE(out);
            CHECK_FALSE(out->accepted);
            CHECK(out->staffReason == k.reason);
            CHECK(out->counts == PendingCounts{});
            CHECK(f.events().empty());
        }
    }
    DeskFixture f;
    Visits visits(f.store, f.clock);
    Cards c;
    auto forged = visits.checkInWithCard("GC1-not-a-card", c.policy(f.clock.today()));
    REQUIRE(forged);
    CHECK_FALSE(forged->accepted);
}

TEST_CASE("visits: tickets are numbered per day, one per person, printed without a name") {
    DeskFixture f;
    Visits visits(f.store, f.clock);
    RecordingPrinter printer;
    desk::Intake intake(f.store, f.clock);
    REQUIRE(intake.record({reading(match::Decision::Auto, kValid)}, "a.jpg"));
    REQUIRE(intake.record({reading(match::Decision::Auto, kValid)}, "b.jpg"));

    auto a = visits.askForMail(kValid, &printer);
    REQUIRE(a);
    CHECK(a->ticket.number == 1);
    CHECK(a->printProblem.empty());
    auto again = visits.askForMail(kValid, &printer); // a double tap keeps the place
    REQUIRE(again);
    CHECK(again->ticket.id == a->ticket.id);
    printer.outOfPaper = true;
    auto b = visits.askForMail(kOther, &printer);
    REQUIRE(b);
    CHECK(b->ticket.number == 2);
    CHECK(b->printProblem.find("out of paper") != std::string::npos);
    REQUIRE(printer.printed.size() == 2);
    const Ticket& t = printer.printed[0];
    CHECK(t.number == "1");
    CHECK(t.lines.front() == "Lettres : 2");
    for (const auto& line : t.lines)
        CHECK(line.find("NOM") == std::string::npos);

    auto q = visits.queue();
    REQUIRE(q);
    REQUIRE(q->size() == 2);
    CHECK(q->at(0).counts.courrier == 2);
    REQUIRE(visits.serve(a->ticket.id, "staff-1").value());
    CHECK_FALSE(visits.serve(a->ticket.id, "staff-1").value());
    q = visits.queue();
    REQUIRE(q);
    CHECK(q->size() == 1);
    f.clock.advance(std::chrono::days(1));
    auto tomorrow = visits.askForMail(kOther, nullptr);
    REQUIRE(tomorrow);
    CHECK(tomorrow->ticket.number == 1);
}
