// guichet review: the letters that wait for staff. list (default), pick ITEM REF, search TEXT,
// unknown ITEM, return ITEM --reason R. Each decision is one desk::Review call.
#include "commands/Commands.hpp"
#include "commands/Table.hpp"
#include "guichet/desk/Review.hpp"

#include <cstdio>

namespace guichet::app {

namespace {

int runList(const Context& context) {
    auto store = openStore(context.dbPath);
    if (!store) return failWith("review", store.error().message);
    SystemClock clock;
    desk::Review review(*store, clock);
    auto queue = review.queue();
    if (!queue) return failWith("review", queue.error().message);
    if (queue->empty()) {
        std::printf("Nothing waits for review.\n");
        return 0;
    }
    Table table({"item", "arrived", "kind", "tracking", "source", "candidates (ref:score)"});
    for (const MailItem& m : *queue) {
        std::string candidates;
        for (size_t i = 0; i < m.candidates.size() && i < 3; ++i) {
            char one[48];
            std::snprintf(one, sizeof one, "%s%lld:%.2f", i ? "  " : "",
                          static_cast<long long>(m.candidates[i].first), m.candidates[i].second);
            candidates += one;
        }
        table.add({std::to_string(m.id), formatInstant(m.arrivedAt), toString(m.kind), m.tracking, m.source,
                   candidates.empty() ? "—" : candidates});
    }
    std::fputs(table.render(40).c_str(), stdout);
    std::printf("%zu item(s) wait. guichet review pick ITEM REF | unknown ITEM | return ITEM --reason R\n",
                queue->size());
    return 0;
}

int runSearchAny(const Context& context, const std::string& text) {
    auto directory = loadDirectory({}, context.dbPath);
    if (!directory) return failWith("review search", directory.error().message);
    Table table({"ref", "box", "name", "score", "why"});
    const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
    for (const Dossier& d : directory->dossiers())
        if (digits && (std::to_string(d.ref) == text || d.customRef == text))
            table.add(
                {std::to_string(d.ref), d.customRef, d.nom + " " + d.prenom, "ref", "ref or box number"});
    for (const auto& c : directory->match(splitLines({text})).candidates) {
        const Dossier* d = directory->find(c.dossier);
        char score[16];
        std::snprintf(score, sizeof score, "%.2f", c.score);
        table.add({std::to_string(c.dossier), d ? d->customRef : "", d ? d->nom + " " + d->prenom : "?",
                   score, c.why});
    }
    std::fputs(table.render(40).c_str(), stdout);
    return 0;
}

int report(const char* command, const Result<desk::Decided>& decided) {
    if (!decided) return failWith(command, decided.error().message);
    const auto& d = *decided;
    std::printf("mail item %lld: %s%s%s\n", static_cast<long long>(d.item), toString(d.state),
                d.dossier ? (", dossier " + std::to_string(*d.dossier)).c_str() : "",
                d.alreadyDone ? " (already so: nothing written)" : "");
    if (!d.warning.empty()) std::printf("  note: %s\n", d.warning.c_str());
    return 0;
}

} // namespace

void registerReviewCommands(CLI::App& app, Context& context) {
    auto* review =
        app.add_subcommand("review", "The letters waiting for staff: list, pick, search, unknown, return");
    review->callback([&context, review] {
        if (review->get_subcommands().empty()) context.run = [&context] { return runList(context); };
    });
    review->add_subcommand("list", "List what waits, oldest first, with ranked candidates")
        ->callback([&context] { context.run = [&context] { return runList(context); }; });

    struct Args {
        MailItemId item = 0;
        DossierRef dossier = 0;
        bool force = false;
        std::string text;
        std::string reason;
    };
    auto a = std::make_shared<Args>();
    auto* pick =
        review->add_subcommand("pick", "Attribute an item to a dossier (a candidate, or any dossier)");
    pick->add_option("item", a->item, "Mail item id")->required();
    pick->add_option("dossier", a->dossier, "Dossier ref")->required();
    pick->add_flag("--force", a->force,
                   "Record it although the domiciliation is not granted, ended or not started");
    pick->callback([&context, a] {
        context.run = [&context, a] {
            auto store = openStore(context.dbPath);
            if (!store) return failWith("review pick", store.error().message);
            SystemClock clock;
            return report("review pick",
                          desk::Review(*store, clock).pick(a->item, a->dossier, context.staff, a->force));
        };
    });
    auto* search =
        review->add_subcommand("search", "Find any dossier by name, alias, proxy, ref or box number");
    search->add_option("text", a->text, "What to look for")->required();
    search->callback(
        [&context, a] { context.run = [&context, a] { return runSearchAny(context, a->text); }; });

    auto returnWith = [&context, a](std::optional<desk::ReturnReason> fixed) {
        return [&context, a, fixed] {
            auto reason = fixed ? fixed : desk::parseReturnReason(a->reason);
            if (!reason)
                return failWith(
                    "review return",
                    "unknown reason \"" + a->reason + "\" (inconnu, radie, refus, npai, refuse, delai)", 2);
            auto store = openStore(context.dbPath);
            if (!store) return failWith("review return", store.error().message);
            SystemClock clock;
            return report("review return",
                          desk::Review(*store, clock).returnToSender(a->item, *reason, context.staff));
        };
    };
    auto* unknown = review->add_subcommand("unknown", "Nobody of that name here: back to the sender");
    unknown->add_option("item", a->item, "Mail item id")->required();
    unknown->callback(
        [&context, returnWith] { context.run = returnWith(desk::ReturnReason::UnknownRecipient); });
    auto* back = review->add_subcommand("return", "Back to the sender, with the reason");
    back->add_option("item", a->item, "Mail item id")->required();
    back->add_option("--reason", a->reason,
                     "inconnu, radie, refus, npai, refuse (refused by the person), delai")
        ->required();
    back->callback([&context, returnWith] { context.run = returnWith(std::nullopt); });
}

} // namespace guichet::app
