// guichet demo, step 5: a day at the desk on the demo store, through the desk's workflows: a review
// decision, letters recorded by hand, a kiosk visit with its ticket, a hand-over refused (expired
// procuration) then made to the person, a hand-over to a valid proxy, the return slip, statistics.
#include "commands/Commands.hpp"
#include "commands/Table.hpp"
#include "guichet/desk/CardSetup.hpp"
#include "guichet/desk/Cards.hpp"
#include "guichet/desk/Handover.hpp"
#include "guichet/desk/Intake.hpp"
#include "guichet/desk/Returns.hpp"
#include "guichet/desk/Review.hpp"
#include "guichet/desk/Statistics.hpp"
#include "guichet/desk/Visits.hpp"
#include "guichet/hardware/EscPos.hpp"

#include <cstdio>
#include <filesystem>

namespace guichet::app {

namespace fs = std::filesystem;

namespace {

constexpr DossierRef kProxyValid = 1005;   ///< its procuration runs to 2099 (data/sample/directory.csv)
constexpr DossierRef kProxyExpired = 1024; ///< its procuration ended in 2021
const std::string kStaff = "accueil-1";

void say(const char* what, const Result<void>& r) {
    if (r)
        std::printf("  %s\n", what);
    else
        std::printf("  %s: REFUSED: %s\n", what, r.error().message.c_str());
}

int reviewStep(store::Store& store, const Clock& clock) {
    desk::Review review(store, clock);
    auto queue = review.queue();
    if (!queue) return failWith("demo", queue.error().message);
    std::printf("review: %zu item(s) wait for staff\n", queue->size());
    for (const MailItem& m : *queue) {
        // The photo's recipient is a look-alike of a dossier, not in the directory: staff see it.
        const bool lookAlike = m.source.find("not-in-directory") != std::string::npos;
        if (!m.candidates.empty() && !lookAlike) {
            // Key 1 at the desk: the first-ranked candidate.
            auto d = review.pick(m.id, m.candidates.front().first, kStaff);
            if (d) {
                std::printf("  mail item %lld: staff confirmed the first candidate, dossier %lld\n",
                            static_cast<long long>(m.id), static_cast<long long>(*d->dossier));
                continue;
            }
            std::printf("  mail item %lld: the first candidate cannot receive it (%s)\n",
                        static_cast<long long>(m.id), d.error().message.c_str());
        }
        auto back = review.returnToSender(m.id, desk::ReturnReason::UnknownRecipient, kStaff);
        if (!back) return failWith("demo", back.error().message);
        std::printf(
            "  mail item %lld (%s): staff see the name is not a dossier's, key U: back to the sender\n",
            static_cast<long long>(m.id), m.source.c_str());
    }
    return 0;
}

int kioskStep(const Context& context, store::Store& store, const Clock& clock, const fs::path& work) {
    const desk::CardSetup setup = desk::resolveCardSetup(store, context.dbPath);
    auto key = desk::signingKey(setup);
    if (!key) return failWith("demo", key.error().message);
    auto policy = desk::verifyPolicy(setup, clock.today());
    if (!policy) return failWith("demo", policy.error().message);
    desk::Cards cardsFlow(store, clock);
    auto prepared = cardsFlow.prepare({kProxyExpired}, *key, setup.structureId, "CCAS de démonstration");
    if (!prepared) return failWith("demo", prepared.error().message);
    if (auto r = cardsFlow.commit(*prepared, kStaff); !r) return failWith("demo", r.error().message);

    desk::Visits visits(store, clock);
    auto visit = visits.checkInWithCard(prepared->faces.front().token, *policy);
    if (!visit || !visit->accepted)
        return failWith("demo", visit ? "card refused: " + visit->staffReason : visit.error().message);
    std::printf(
        "kiosk: card of dossier %lld accepted, visit recorded; it shows: %d letter(s), %d registered, "
        "%d parcel(s)\n",
        static_cast<long long>(visit->dossier), visit->counts.courrier, visit->counts.recommande,
        visit->counts.colis);
    const fs::path tickets = work / "kiosk-tickets.escpos";
    hardware::EscPosPrinter printer(tickets.string());
    auto ticket = visits.askForMail(visit->dossier, &printer);
    if (!ticket) return failWith("demo", ticket.error().message);
    std::printf("kiosk: ticket %d printed (%s), no name on it; the desk's queue shows it\n",
                ticket->ticket.number, tickets.string().c_str());
    return 0;
}

int handoverStep(store::Store& store, const Clock& clock) {
    desk::Handover handover(store, clock);
    auto view = handover.pending(kProxyExpired);
    if (!view) return failWith("demo", view.error().message);
    for (const auto& p : view->proxies)
        std::printf("desk: dossier %lld, proxy %d %s\n", static_cast<long long>(kProxyExpired), p.index,
                    p.valid ? "valid today" : p.refusal.c_str());
    auto refused = handover.handOver({kProxyExpired, 0, {MailKind::Courrier}, kStaff});
    say("hand-over of dossier 1024's letters to proxy 0",
        refused ? Result<void>() : Result<void>(refused.error()));
    say("hand-over of dossier 1024's letters to the person", [&]() -> Result<void> {
        auto r = handover.handOver({kProxyExpired, std::nullopt, {MailKind::Courrier}, kStaff});
        return r ? Result<void>() : Result<void>(r.error());
    }());
    desk::Visits visits(store, clock);
    if (auto queue = visits.queue(); queue && !queue->empty()) (void)visits.serve(queue->front().id, kStaff);
    auto proxy = handover.handOver({kProxyValid, 0, {MailKind::Courrier, MailKind::Colis}, kStaff});
    if (!proxy) return failWith("demo", proxy.error().message);
    std::printf(
        "  hand-over of dossier %lld to proxy 0 (valid procuration): %d letter(s), %d parcel(s); DomiFa "
        "gets courrierOut and colisOut with procurationIndex 0\n",
        static_cast<long long>(kProxyValid), proxy->handed.courrier, proxy->handed.colis);
    return 0;
}

} // namespace

int runDeskDemo(const Context& context, const std::string& workDir) {
    std::printf("\n== 5. A day at the desk: review, kiosk visit, hand-over, returns, statistics ==\n");
    auto store = openStore(context.dbPath);
    if (!store) return failWith("demo", store.error().message);
    SystemClock clock;
    if (int rc = reviewStep(*store, clock); rc != 0) return rc;

    desk::Intake intake(*store, clock);
    for (auto [ref, kind] :
         {std::pair{kProxyValid, MailKind::Colis}, std::pair{kProxyValid, MailKind::Courrier},
          std::pair{kProxyExpired, MailKind::Courrier}}) {
        auto r = intake.recordManual(ref, kind, kind == MailKind::Colis ? "6A12345678901" : "", kStaff);
        if (!r) return failWith("demo", r.error().message);
        std::printf("desk: %s recorded by hand for dossier %lld (mail item %lld)\n", toString(kind),
                    static_cast<long long>(ref), static_cast<long long>(r->item));
    }
    if (int rc = kioskStep(context, *store, clock, workDir); rc != 0) return rc;
    if (int rc = handoverStep(*store, clock); rc != 0) return rc;

    desk::Returns returns(*store, clock);
    auto list = returns.list(clock.today());
    if (!list) return failWith("demo", list.error().message);
    const fs::path slip = fs::path(workDir) / "returns.pdf";
    if (auto w = desk::Returns::writeSlipPdf(*list, "CCAS de démonstration", slip.string()); !w)
        return failWith("demo", w.error().message);
    std::printf("returns: %zu item(s) back to their senders today; slip for La Poste: %s\n",
                list->lines.size(), slip.string().c_str());

    auto stats = desk::statistics(*store, clock.today(), clock.today(), desk::Period::Day);
    if (!stats) return failWith("demo", stats.error().message);
    const desk::StatsRow& t = stats->total;
    std::printf(
        "statistics of the day: received %d (auto %d, confirmed %d, manual %d), handed over %d to the "
        "person and %d to a proxy, returned %d, visits %d\n",
        t.received.total(), t.automatic, t.confirmed, t.manual, t.handedToPerson, t.handedToProxy, t.returned,
        t.visits);
    return 0;
}

} // namespace guichet::app
