#include "guichet/desk/Review.hpp"

#include "DeskFixture.hpp"
#include "guichet/desk/Intake.hpp"

using namespace guichet;
using namespace guichet::test;
using guichet::desk::ReturnReason;
using guichet::desk::Review;

namespace {

MailItemId waiting(DeskFixture& f, std::vector<DossierRef> candidates = {kValid, kOther}) {
    desk::Intake intake(f.store, f.clock);
    auto r = intake.record({reading(match::Decision::Confirm, std::nullopt, candidates)}, "scan.jpg");
    REQUIRE(r);
    return r->front().item;
}

} // namespace

TEST_CASE("review: picking a dossier, table-driven") {
    struct Case {
        const char* what;
        DossierRef pick;
        bool force;
        bool ok;
        MatchMethod method;
        const char* message; ///< part of the error or of the warning
    };
    const Case cases[] = {
        {"first candidate: confirmed", kValid, false, true, MatchMethod::StaffConfirmed, ""},
        {"second candidate: confirmed", kOther, false, true, MatchMethod::StaffConfirmed, ""},
        {"a dossier found by search: manual", kEndsSoon, false, true, MatchMethod::StaffManual, ""},
        {"struck off: refused, return it instead", kRadie, false, false, MatchMethod::Unmatched,
         "return the item"},
        {"npai: refused", kNpai, false, false, MatchMethod::Unmatched, "npai"},
        {"ended domiciliation: refused without confirmation", kExpired, false, false, MatchMethod::Unmatched,
         "has ended"},
        {"ended domiciliation, confirmed: recorded with a warning", kExpired, true, true,
         MatchMethod::StaffManual, "has ended"},
        {"not in the directory: refused", 99999, false, false, MatchMethod::Unmatched,
         "not in the directory"},
    };
    for (const Case& c : cases) {
        SECTION(c.what) {
            DeskFixture f;
            const MailItemId id = waiting(f);
            Review review(f.store, f.clock);
            auto decided = review.pick(id, c.pick, "staff-3", c.force);
            REQUIRE(decided.has_value() == c.ok);
            const MailItem m = f.item(id);
            if (c.ok) {
                CHECK(m.state == MailState::Pending);
                CHECK(m.dossier == c.pick);
                CHECK(m.method == c.method);
                CHECK(m.matchedBy == "staff-3");
                REQUIRE(f.events().size() == 1);
                CHECK(f.events()[0].dossier == c.pick);
                CHECK(decided->warning.find(c.message) != std::string::npos);
                CHECK(f.audit().front().actor == "staff-3");
            } else {
                CHECK(decided.error().message.find(c.message) != std::string::npos);
                CHECK(m.state == MailState::AwaitingReview);
                CHECK(f.events().empty());
            }
        }
    }
}

TEST_CASE("review: a double click records once, a second desk cannot re-attribute") {
    DeskFixture f;
    const MailItemId id = waiting(f);
    Review review(f.store, f.clock);
    REQUIRE(review.pick(id, kValid, "staff-1"));
    auto again = review.pick(id, kValid, "staff-1");
    REQUIRE(again);
    CHECK(again->alreadyDone);
    CHECK(f.events().size() == 1);
    auto other = review.pick(id, kOther, "staff-2");
    REQUIRE_FALSE(other);
    CHECK(other.error().message.find("already decided") != std::string::npos);
    CHECK(f.item(id).dossier == kValid);
}

TEST_CASE("review: the queue lists what waits, oldest first, and leaves it once decided") {
    DeskFixture f;
    const MailItemId a = waiting(f);
    f.clock.advance(std::chrono::minutes(1));
    const MailItemId b = waiting(f);
    Review review(f.store, f.clock);
    auto q = review.queue();
    REQUIRE(q);
    REQUIRE(q->size() == 2);
    CHECK(q->at(0).id == a);
    CHECK(q->at(0).candidates.front().first == kValid);
    REQUIRE(review.returnToSender(a, ReturnReason::UnknownRecipient, "staff-1"));
    q = review.queue();
    REQUIRE(q);
    REQUIRE(q->size() == 1);
    CHECK(q->at(0).id == b);
    const MailItem returned = f.item(a);
    CHECK(returned.state == MailState::ReturnToSender);
    CHECK(returned.returnReason == "inconnu");
    CHECK(returned.closedBy == "staff-1");
    CHECK(f.events().empty());
}

TEST_CASE("review: returning an item already attributed withdraws its unsent arrival") {
    DeskFixture f;
    const MailItemId id = waiting(f);
    Review review(f.store, f.clock);
    REQUIRE(review.pick(id, kValid, "staff-1"));
    REQUIRE(f.events().size() == 1);
    auto back = review.returnToSender(id, ReturnReason::Refused, "staff-1");
    REQUIRE(back);
    CHECK(f.events().empty());
    CHECK(f.item(id).state == MailState::ReturnToSender);
    CHECK(f.item(id).returnReason == "refuse");
}

TEST_CASE("review: return reasons read back, and the slip's words are French") {
    for (auto r : {ReturnReason::UnknownRecipient, ReturnReason::Radie, ReturnReason::Refus,
                   ReturnReason::Npai, ReturnReason::Refused, ReturnReason::HoldingExpired}) {
        CHECK(desk::parseReturnReason(desk::toString(r)) == r);
        CHECK(std::string(desk::slipText(r)).size() > 5);
    }
    CHECK(desk::parseReturnReason("unknown") == ReturnReason::UnknownRecipient);
    CHECK_FALSE(desk::parseReturnReason("lost"));
}
