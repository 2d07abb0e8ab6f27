#include "guichet/desk/Returns.hpp"

#include "DeskFixture.hpp"
#include "TempDir.hpp"
#include "guichet/desk/Handover.hpp"
#include "guichet/desk/Intake.hpp"

#include <fstream>
#include <iterator>

using namespace guichet;
using namespace guichet::test;
using guichet::desk::ReturnReason;
using guichet::desk::Returns;

namespace {

MailItemId arrive(DeskFixture& f, DossierRef ref, MailKind kind = MailKind::Courrier) {
    desk::Intake intake(f.store, f.clock);
    auto r = intake.record({reading(match::Decision::Auto, ref, {}, kind)}, "scan.jpg");
    REQUIRE(r);
    return r->front().item;
}

void markSent(DeskFixture& f) {
    for (Event e : f.events()) {
        e.state = EventState::Delivered;
        e.attempts = 1;
        REQUIRE(f.store.updateEvent(e));
    }
}

} // namespace

TEST_CASE("returns: what is proposed, by holding period and by status") {
    DeskFixture f;
    const MailItemId oldLetter = arrive(f, kValid);
    const MailItemId oldRegistered = arrive(f, kOther, MailKind::Recommande);
    f.clock.advance(std::chrono::days(20));
    const MailItemId recentLetter = arrive(f, kOther);
    // Struck off after the letter arrived: proposed whatever its age.
    const MailItemId struck = arrive(f, kEndsSoon);
    Dossier d = makeDossier(kEndsSoon, Statut::Radie);
    REQUIRE(f.store.upsertDossiers({d}));

    Returns returns(f.store, f.clock);
    auto proposed = returns.proposals();
    REQUIRE(proposed);
    std::vector<std::pair<MailItemId, ReturnReason>> got;
    for (const auto& p : *proposed)
        got.emplace_back(p.item.id, p.reason);
    CHECK(got == std::vector<std::pair<MailItemId, ReturnReason>>{
                     {oldRegistered, ReturnReason::HoldingExpired}, {struck, ReturnReason::Radie}});
    f.clock.advance(std::chrono::days(80)); // 100 days: the letter's 90 are past too
    proposed = returns.proposals();
    REQUIRE(proposed);
    CHECK(proposed->size() == 3);
    (void)oldLetter;
    (void)recentLetter;

    REQUIRE(f.store.setSetting("desk.hold.courrier_days", "365"));
    proposed = returns.proposals();
    REQUIRE(proposed);
    CHECK(proposed->size() == 2);
    REQUIRE(f.store.setSetting("desk.hold.courrier_days", "soon"));
    auto bad = returns.proposals();
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("desk.hold.courrier_days") != std::string::npos);
}

TEST_CASE("returns: marking them, DomiFa's count, the day's list, CSV and slip") {
    test::TempDir tmp;
    DeskFixture f;
    const MailItemId alone = arrive(f, kOther, MailKind::Recommande); // pushed, the only one
    markSent(f);
    const MailItemId notAlone = arrive(f, kEndsSoon, MailKind::Recommande); // pushed, DomiFa holds 2
    markSent(f);
    const MailItemId unsent = arrive(f, kValid, MailKind::Recommande); // arrival not pushed yet
    Dossier twice = makeDossier(kEndsSoon, Statut::Valide, ymd(2027, 1, 15));
    twice.pending.recommande = 2;
    REQUIRE(f.store.upsertDossiers({twice}));
    f.clock.advance(std::chrono::days(16));

    Returns returns(f.store, f.clock);
    auto notes = returns.applyProposals("staff-4");
    REQUIRE(notes);
    REQUIRE(notes->size() == 3);
    CHECK(notes->at(1).find("DomiFa keeps counting it") != std::string::npos);
    auto pending = f.events(EventState::Pending);
    for (const Event& e : pending)
        UNSCOPED_INFO("pending event " << toString(e.type) << " dossier " << e.dossier << " item "
                                       << e.mailItem.value_or(0));
    REQUIRE(pending.size() == 1); // the Out for the one DomiFa held alone
    CHECK(pending[0].type == EventType::RecommandeOut);
    CHECK(pending[0].returnToSender);
    CHECK(pending[0].dossier == kOther);
    auto all = f.store.events(std::nullopt);
    REQUIRE(all);
    for (const Event& e : *all)
        CHECK_FALSE((e.mailItem == unsent && e.type == EventType::RecommandeIn)); // withdrawn

    auto list = returns.list(f.clock.today());
    REQUIRE(list);
    REQUIRE(list->lines.size() == 3);
    CHECK(list->lines[0].item.id == alone);
    CHECK(list->lines[1].item.id == notAlone);
    CHECK(list->lines[2].item.id == unsent);
    auto yesterday = returns.list(ymd(2026, 12, 21));
    REQUIRE(yesterday);
    CHECK(yesterday->lines.empty());

    const std::string csv = Returns::csv(*list);
    CHECK(csv.rfind("mail_item,kind,tracking,arrived,reason,reason_text,dossier\n", 0) == 0);
    CHECK(csv.find(std::to_string(alone) + ",recommande,,2026-12-06,delai,Non réclamé," +
                   std::to_string(kOther)) != std::string::npos);
    CHECK(csv.find("NOM") == std::string::npos);

    const std::string pdf = tmp.file("slip.pdf");
    REQUIRE(Returns::writeSlipPdf(*list, "CCAS de Test", pdf));
    std::ifstream in(pdf, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(bytes.rfind("%PDF", 0) == 0);
    CHECK(bytes.size() > 1000);
    auto nowhere = Returns::writeSlipPdf(*list, "CCAS", tmp.file("missing/folder/slip.pdf"));
    REQUIRE_FALSE(nowhere);
    CHECK(nowhere.error().message.find("slip.pdf") != std::string::npos);
}

TEST_CASE("returns: an item handed over is never returned") {
    DeskFixture f;
    const MailItemId id = arrive(f, kValid);
    desk::Handover handover(f.store, f.clock);
    REQUIRE(handover.handOver({kValid, std::nullopt, {MailKind::Courrier}, "staff-1"}));
    desk::Review review(f.store, f.clock);
    auto back = review.returnToSender(id, ReturnReason::Refused, "staff-1");
    REQUIRE_FALSE(back);
    CHECK(back.error().message.find("handed over") != std::string::npos);
}

TEST_CASE("returns: a letter whose arrival the sync parked (struck off meanwhile) goes back without an Out") {
    DeskFixture f;
    const MailItemId id = arrive(f, kEndsSoon);
    Event parked = f.events().front();
    parked.state = EventState::Parked;
    parked.attempts = 1;
    parked.lastError = "radié: return to sender proposed";
    REQUIRE(f.store.updateEvent(parked));
    REQUIRE(f.store.upsertDossiers({makeDossier(kEndsSoon, Statut::Radie)}));
    Returns returns(f.store, f.clock);
    auto notes = returns.applyProposals("staff-4");
    REQUIRE(notes);
    REQUIRE(notes->size() == 1);
    CHECK(f.item(id).state == MailState::ReturnToSender);
    CHECK(f.item(id).returnReason == "radie");
    CHECK(f.events(EventState::Pending).empty());
    CHECK(f.events(EventState::Parked).size() == 1);
}
