// guichet visit / queue / stats: a person checks in (card or looked up), the kiosk's queue of
// tickets, and the desk's statistics.
#include "commands/Commands.hpp"
#include "commands/Table.hpp"
#include "guichet/cards/Keys.hpp"
#include "guichet/desk/CardSetup.hpp"
#include "guichet/desk/Statistics.hpp"
#include "guichet/desk/Visits.hpp"
#include "guichet/hardware/EscPos.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace guichet::app {

namespace fs = std::filesystem;

namespace {

struct VisitArgs {
    std::string card; ///< token text or image of the card
    DossierRef dossier = 0;
    bool ask = false;
    std::string printer; ///< receipt printer device or file (the twin)
};

/// The card's token: the text itself, or the QR code read from an image file.
Result<std::string> tokenOf(const std::string& card) {
    std::error_code ec;
    if (!fs::is_regular_file(card, ec)) return card;
    auto found = codesInPhoto(card);
    if (!found) return found.error();
    if (found->empty()) return Error{card + ": no QR code found on the card photo"};
    return found->front();
}

int runVisit(const Context& context, const VisitArgs& a) {
    auto store = openStore(context.dbPath);
    if (!store) return failWith("visit", store.error().message);
    SystemClock clock;
    desk::Visits visits(*store, clock);
    Result<desk::VisitOutcome> outcome = Error{"give --card or --dossier"};
    if (!a.card.empty()) {
        auto token = tokenOf(a.card);
        if (!token) return failWith("visit", token.error().message);
        auto policy = desk::verifyPolicy(desk::resolveCardSetup(*store, context.dbPath), clock.today());
        if (!policy) return failWith("visit", policy.error().message);
        outcome = visits.checkInWithCard(*token, *policy);
    } else if (a.dossier != 0) {
        outcome = visits.checkIn(a.dossier, context.staff);
    }
    if (!outcome) return failWith("visit", outcome.error().message, 2);
    if (!outcome->accepted) {
        std::printf("REFUSED — the person sees: \"Adressez-vous à l'accueil\"; staff: %s\n",
                    outcome->staffReason.c_str());
        return 1;
    }
    const PendingCounts& c = outcome->counts;
    std::printf("dossier %lld: visit %s; pending: %d courrier, %d recommandé, %d colis%s\n",
                static_cast<long long>(outcome->dossier),
                outcome->repeated ? "already recorded less than 10 minutes ago" : "recorded", c.courrier,
                c.recommande, c.colis,
                outcome->endsOn ? (" — domiciliation ends on " + formatDateFr(*outcome->endsOn)).c_str()
                                : "");
    if (!a.ask) return 0;
    std::unique_ptr<hardware::EscPosPrinter> printer;
    if (!a.printer.empty()) printer = std::make_unique<hardware::EscPosPrinter>(a.printer);
    auto ticket = visits.askForMail(outcome->dossier, printer.get());
    if (!ticket) return failWith("visit", ticket.error().message);
    std::printf("ticket %d for the desk's queue%s\n", ticket->ticket.number,
                printer ? (" printed on " + a.printer).c_str() : "");
    if (!ticket->printProblem.empty())
        std::printf("  printer: %s (the ticket is in the desk's queue all the same)\n",
                    ticket->printProblem.c_str());
    return 0;
}

int runQueue(const Context& context, std::int64_t serve) {
    auto store = openStore(context.dbPath);
    if (!store) return failWith("queue", store.error().message);
    SystemClock clock;
    desk::Visits visits(*store, clock);
    if (serve > 0) {
        auto served = visits.serve(serve, context.staff);
        if (!served) return failWith("queue", served.error().message);
        std::printf("ticket %lld %s\n", static_cast<long long>(serve),
                    *served ? "served" : "was already closed");
    }
    auto queue = visits.queue();
    if (!queue) return failWith("queue", queue.error().message);
    Table table({"id", "ticket", "since", "dossier", "waiting mail"});
    for (const auto& t : *queue)
        table.add({std::to_string(t.id), std::to_string(t.number), formatInstant(t.createdAt),
                   std::to_string(t.dossier),
                   std::to_string(t.counts.courrier) + " courrier, " + std::to_string(t.counts.recommande) +
                       " recommandé, " + std::to_string(t.counts.colis) + " colis"});
    std::printf("%zu ticket(s) waiting\n", queue->size());
    if (!queue->empty()) std::fputs(table.render().c_str(), stdout);
    return 0;
}

struct StatsArgs {
    std::string from;
    std::string to;
    bool monthly = false;
    std::string csv;
};

int runStats(const Context& context, const StatsArgs& a) {
    auto to = dateArgument(a.to);
    if (!to) return failWith("stats", to.error().message, 2);
    auto from = a.from.empty() ? Result<Date>(Date{to->year(), to->month(), std::chrono::day{1}})
                               : dateArgument(a.from);
    if (!from) return failWith("stats", from.error().message, 2);
    auto store = openStore(context.dbPath);
    if (!store) return failWith("stats", store.error().message);
    auto stats = desk::statistics(*store, *from, *to, a.monthly ? desk::Period::Month : desk::Period::Day);
    if (!stats) return failWith("stats", stats.error().message, 2);
    Table table({"period", "letters", "registered", "parcels", "auto", "confirmed", "manual", "waiting",
                 "to person", "to proxy", "returned", "visits", "median days"});
    auto add = [&](const desk::StatsRow& r) {
        char median[16] = "";
        if (r.medianDaysToCollection) std::snprintf(median, sizeof median, "%.1f", *r.medianDaysToCollection);
        table.add({r.period, std::to_string(r.received.courrier), std::to_string(r.received.recommande),
                   std::to_string(r.received.colis), std::to_string(r.automatic), std::to_string(r.confirmed),
                   std::to_string(r.manual), std::to_string(r.awaitingReview),
                   std::to_string(r.handedToPerson), std::to_string(r.handedToProxy),
                   std::to_string(r.returned), std::to_string(r.visits), median});
    };
    for (const auto& r : stats->rows)
        add(r);
    add(stats->total);
    std::fputs(table.render().c_str(), stdout);
    if (!a.csv.empty()) {
        std::ofstream out(a.csv);
        out << desk::toCsv(*stats);
        out.close();
        if (!out) return failWith("stats", a.csv + ": cannot write the CSV");
        std::printf("CSV written to %s\n", a.csv.c_str());
    }
    return 0;
}

} // namespace

void registerVisitCommands(CLI::App& app, Context& context) {
    auto v = std::make_shared<VisitArgs>();
    auto* visit = app.add_subcommand(
        "visit", "A person checks in: card (token or photo) or dossier; records the visit");
    auto* source = visit->add_option("--card", v->card, "The card: its token text, or a photo of it");
    visit->add_option("--dossier", v->dossier, "The dossier, looked up by staff")->excludes(source);
    visit->add_flag("--ticket", v->ask, "The person asks for their mail: a numbered ticket for the desk");
    visit->add_option("--printer", v->printer,
                      "Receipt printer: a device (/dev/usb/lp0) or a file (the twin)");
    visit->callback([&context, v] { context.run = [&context, v] { return runVisit(context, *v); }; });

    auto serve = std::make_shared<std::int64_t>(0);
    auto* queue = app.add_subcommand("queue", "The kiosk's tickets waiting at the desk");
    queue->add_option("--serve", *serve, "Mark this ticket id served first");
    queue->callback(
        [&context, serve] { context.run = [&context, serve] { return runQueue(context, *serve); }; });

    auto s = std::make_shared<StatsArgs>();
    auto* stats = app.add_subcommand("stats", "The desk's statistics per day (or month), with a CSV export");
    stats->add_option("--from", s->from, "First day (default: the 1st of the month of --to)");
    stats->add_option("--to", s->to, "Last day (default: today)");
    stats->add_flag("--month", s->monthly, "One row per month");
    stats->add_option("--csv", s->csv, "Write the table as CSV");
    stats->callback([&context, s] { context.run = [&context, s] { return runStats(context, *s); }; });
}

} // namespace guichet::app
