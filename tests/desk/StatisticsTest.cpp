#include "guichet/desk/Statistics.hpp"

#include "DeskFixture.hpp"
#include "guichet/desk/Handover.hpp"
#include "guichet/desk/Intake.hpp"
#include "guichet/desk/Review.hpp"
#include "guichet/desk/Visits.hpp"

using namespace guichet;
using namespace guichet::test;

TEST_CASE("statistics: a scripted week, per day and per month, and its CSV") {
    DeskFixture f;
    f.clock.set(at(2026, 11, 30, 9));
    desk::Intake intake(f.store, f.clock);
    desk::Review review(f.store, f.clock);
    desk::Handover handover(f.store, f.clock);
    desk::Visits visits(f.store, f.clock);
    // 30 Nov: 2 automatic letters, one registered that staff confirm, one unknown returned.
    REQUIRE(intake.record({reading(match::Decision::Auto, kValid)}, "1.jpg"));
    REQUIRE(intake.record({reading(match::Decision::Auto, kOther)}, "2.jpg"));
    auto confirm = intake.record(
        {reading(match::Decision::Confirm, std::nullopt, {kValid}, MailKind::Recommande)}, "3.jpg");
    REQUIRE(confirm);
    REQUIRE(review.pick(confirm->front().item, kValid, "staff-1"));
    auto unknown = intake.record({reading(match::Decision::Unknown, std::nullopt, {})}, "4.jpg");
    REQUIRE(unknown);
    REQUIRE(review.returnToSender(unknown->front().item, desk::ReturnReason::UnknownRecipient, "staff-1"));
    // 2 Dec: a parcel staff attribute by search; a visit.
    f.clock.set(at(2026, 12, 2, 11));
    auto parcel =
        intake.record({reading(match::Decision::Unknown, std::nullopt, {}, MailKind::Colis)}, "5.jpg");
    REQUIRE(parcel);
    REQUIRE(review.pick(parcel->front().item, kOther, "staff-1"));
    REQUIRE(visits.checkIn(kValid, "kiosk"));
    // 3 Dec (3 days after arrival, +12 h): kValid collects letters and registered; a proxy collects
    // kOther's parcel and letter on 4 Dec.
    f.clock.set(at(2026, 12, 3, 21));
    REQUIRE(handover.handOver({kValid, std::nullopt, {MailKind::Courrier, MailKind::Recommande}, "staff-2"}));
    f.clock.set(at(2026, 12, 4, 9));
    Dossier other = makeDossier(kOther, Statut::Valide);
    other.procurations = {{"P", "Q", std::nullopt, ymd(2026, 1, 1), ymd(2027, 1, 1)}};
    REQUIRE(f.store.upsertDossiers({other}));
    REQUIRE(handover.handOver({kOther, 0, {MailKind::Courrier, MailKind::Colis}, "staff-2"}));

    auto daily = desk::statistics(f.store, ymd(2026, 11, 30), ymd(2026, 12, 4), desk::Period::Day);
    REQUIRE(daily);
    REQUIRE(daily->rows.size() == 5);
    const desk::StatsRow& nov30 = daily->rows[0];
    CHECK(nov30.period == "2026-11-30");
    CHECK(nov30.received == PendingCounts{3, 1, 0});
    CHECK(nov30.automatic == 2);
    CHECK(nov30.confirmed == 1);
    CHECK(nov30.returned == 1);
    CHECK(daily->rows[1].received.total() == 0);
    CHECK(daily->rows[2].manual == 1);
    CHECK(daily->rows[2].visits == 1);
    CHECK(daily->rows[3].handedToPerson == 2);
    CHECK(daily->rows[3].medianDaysToCollection == Approx(3.5));
    CHECK(daily->rows[4].handedToProxy == 2);
    CHECK(daily->total.received == PendingCounts{3, 1, 1});
    CHECK(daily->total.handedToPerson + daily->total.handedToProxy == 4);

    auto monthly = desk::statistics(f.store, ymd(2026, 11, 1), ymd(2026, 12, 31), desk::Period::Month);
    REQUIRE(monthly);
    REQUIRE(monthly->rows.size() == 2);
    CHECK(monthly->rows[0].period == "2026-11");
    CHECK(monthly->rows[0].received.total() == 4);
    CHECK(monthly->rows[1].received.total() == 1);
    CHECK(monthly->rows[1].handedToProxy == 2);
    const std::string csv = desk::toCsv(*monthly);
    CHECK(csv.rfind("period,courrier,recommande,colis,automatic,", 0) == 0);
    CHECK(csv.find("\n2026-11,3,1,0,2,1,0,0,0,0,1,0,\n") != std::string::npos);
    CHECK(csv.find("\ntotal,3,1,1,") != std::string::npos);

    REQUIRE_FALSE(desk::statistics(f.store, ymd(2026, 12, 4), ymd(2026, 12, 1), desk::Period::Day));
}
