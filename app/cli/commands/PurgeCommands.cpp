// guichet purge [--dry-run]: retention (RGPD). Deletes what the retention.* settings say is past
// its time: address crops and filed scans, closed mail (kept as anonymous daily counts for the
// statistics), delivered events, closed tickets, old audit rows (the chain keeps verifying), and
// revokes the cards of dossiers DomiFa no longer lists. Never an item not closed or an event not
// delivered. Run daily by guichet-purge.timer.
#include "commands/Commands.hpp"
#include "guichet/desk/Retention.hpp"

#include <cstdio>
#include <memory>

namespace guichet::app {

namespace {

int runPurge(const Context& context, bool dryRun) {
    auto store = openStore(context.dbPath);
    if (!store) return failWith("purge", store.error().message, 2);
    SystemClock clock;
    auto out = desk::purge(*store, clock, dryRun);
    if (!out) return failWith("purge", out.error().message, 2);
    const auto& r = out->report;
    const auto& p = out->policy;
    auto line = [](long long n, const char* what, const std::string& rule) {
        std::printf("  %6lld %-40s %s\n", n, what, rule.c_str());
    };
    std::printf("%s\n", dryRun ? "guichet purge --dry-run: would delete" : "guichet purge: deleted");
    line(r.crops, "address crops", "decided more than " + std::to_string(p.cropDays) + " days ago");
    line(out->scans, "scans in the intake folders' done/, failed/",
         "filed more than " + std::to_string(p.cropDays) + " days ago");
    line(r.mailItems, "closed mail items (kept as daily counts)",
         "closed more than " + std::to_string(p.mailDays) + " days ago");
    line(r.events, "events delivered to DomiFa", "older than " + std::to_string(p.mailDays) + " days");
    line(r.tickets, "closed queue tickets", "older than " + std::to_string(p.mailDays) + " days");
    line(r.intakeFiles, "intake records", "older than " + std::to_string(p.mailDays) + " days");
    line(r.auditRows, "audit rows", "older than " + std::to_string(p.auditDays) + " days");
    line(r.cardsRevoked, dryRun ? "cards to revoke" : "cards revoked",
         "their dossier is no longer in DomiFa");
    if (r.heldBack > 0)
        std::printf("kept: %lld old closed items, an event about them is not delivered to DomiFa yet\n",
                    static_cast<long long>(r.heldBack));
    for (const std::string& note : out->notes)
        std::fprintf(stderr, "guichet purge: %s\n", note.c_str());
    return out->notes.empty() ? 0 : 1;
}

} // namespace

void registerPurgeCommand(CLI::App& app, Context& context) {
    auto dryRun = std::make_shared<bool>(false);
    auto* purge =
        app.add_subcommand("purge", "Retention: delete personal data past its time (settings retention.*)");
    purge->add_flag("--dry-run,-n", *dryRun, "Say what would go, delete nothing");
    purge->callback(
        [&context, dryRun] { context.run = [&context, dryRun] { return runPurge(context, *dryRun); }; });
}

} // namespace guichet::app
