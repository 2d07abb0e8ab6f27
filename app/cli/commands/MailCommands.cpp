// guichet pending / handover / returns: a person's mail at the desk, and what goes back.
#include "commands/Commands.hpp"
#include "commands/Table.hpp"
#include "guichet/desk/Handover.hpp"
#include "guichet/desk/Intake.hpp"
#include "guichet/desk/Returns.hpp"

#include <cstdio>
#include <fstream>

namespace guichet::app {

namespace {

std::string countsText(const PendingCounts& c) {
    return std::to_string(c.courrier) + " courrier, " + std::to_string(c.recommande) + " recommandé, " +
           std::to_string(c.colis) + " colis";
}

int runPending(const Context& context, DossierRef ref) {
    auto store = openStore(context.dbPath);
    if (!store) return failWith("pending", store.error().message);
    SystemClock clock;
    auto view = desk::Handover(*store, clock).pending(ref);
    if (!view) return failWith("pending", view.error().message);
    const Dossier& d = view->dossier;
    std::printf("dossier %lld (box %s): %s %s — pending: %s\n", static_cast<long long>(d.ref),
                d.customRef.c_str(), d.nom.c_str(), d.prenom.c_str(), countsText(view->counts).c_str());
    for (const auto& w : view->warnings)
        std::printf("  ! %s\n", w.text.c_str());
    if (!view->refusal.empty()) std::printf("  nobody may collect: %s\n", view->refusal.c_str());
    if (!view->items.empty()) {
        Table items({"item", "kind", "arrived", "tracking"});
        for (const MailItem& m : view->items)
            items.add(
                {std::to_string(m.id), toString(m.kind), formatDateFr(dateOf(m.arrivedAt)), m.tracking});
        std::fputs(items.render().c_str(), stdout);
    }
    for (const auto& p : view->proxies)
        std::printf("  proxy %d: %s %s (%s..%s) %s\n", p.index, p.prenom.c_str(), p.nom.c_str(),
                    p.from ? formatDate(*p.from).c_str() : "?", p.to ? formatDate(*p.to).c_str() : "?",
                    p.valid ? "valid today" : ("not today: " + p.refusal).c_str());
    return 0;
}

int runHandover(const Context& context, DossierRef ref, std::optional<int> proxy,
                const std::string& kindsText) {
    desk::HandoverRequest request{ref, proxy, {}, context.staff};
    for (const auto& k : splitLines({kindsText == "all" ? "courrier|recommande|colis" : kindsText})) {
        for (size_t start = 0; start <= k.size();) {
            const size_t comma = std::min(k.find(',', start), k.size());
            const std::string one = k.substr(start, comma - start);
            auto kind = parseMailKind(one);
            if (!kind) return failWith("handover", "\"" + one + "\" is not courrier, recommande or colis", 2);
            request.kinds.push_back(*kind);
            start = comma + 1;
        }
    }
    auto store = openStore(context.dbPath);
    if (!store) return failWith("handover", store.error().message);
    SystemClock clock;
    desk::Handover handover(*store, clock);
    auto receipt = handover.handOver(request);
    if (!receipt) return failWith("handover", receipt.error().message);
    std::printf("dossier %lld: handed over to %s: %s (%zu item(s) here, %zu event(s) queued for DomiFa)\n",
                static_cast<long long>(ref),
                proxy ? ("proxy " + std::to_string(*proxy)).c_str() : "the person",
                countsText(receipt->handed).c_str(), receipt->items.size(), receipt->events.size());
    if (auto left = handover.pending(ref); left && left->counts.total() > 0)
        std::printf("  still pending (not ticked): %s\n", countsText(left->counts).c_str());
    return 0;
}

int runRecord(const Context& context, DossierRef ref, const std::string& kindText,
              const std::string& tracking, bool force) {
    auto kind = parseMailKind(kindText);
    if (!kind) return failWith("record", "\"" + kindText + "\" is not courrier, recommande or colis", 2);
    auto store = openStore(context.dbPath);
    if (!store) return failWith("record", store.error().message);
    SystemClock clock;
    auto recorded = desk::Intake(*store, clock).recordManual(ref, *kind, tracking, context.staff, force);
    if (!recorded) return failWith("record", recorded.error().message);
    std::printf("%s\n", desk::describe(*recorded).c_str());
    if (!recorded->note.empty()) std::printf("  note: %s\n", recorded->note.c_str());
    return 0;
}

struct ReturnsArgs {
    std::string date;
    bool apply = false;
    std::string csv;
    std::string pdf;
};

int runReturns(const Context& context, const ReturnsArgs& a) {
    auto day = dateArgument(a.date);
    if (!day) return failWith("returns", day.error().message, 2);
    auto store = openStore(context.dbPath);
    if (!store) return failWith("returns", store.error().message);
    SystemClock clock;
    desk::Returns returns(*store, clock);
    if (a.apply) {
        auto notes = returns.applyProposals(context.staff);
        if (!notes) return failWith("returns", notes.error().message);
        for (const auto& n : *notes)
            std::printf("%s\n", n.c_str());
    } else if (auto proposed = returns.proposals(); proposed && !proposed->empty()) {
        std::printf("%zu item(s) should go back (guichet returns --apply marks them):\n", proposed->size());
        for (const auto& p : *proposed)
            std::printf("  mail item %lld, dossier %lld: %s\n", static_cast<long long>(p.item.id),
                        static_cast<long long>(*p.item.dossier), desk::slipText(p.reason));
    }
    auto list = returns.list(*day);
    if (!list) return failWith("returns", list.error().message);
    std::printf("returns of %s: %zu item(s)\n", formatDate(*day).c_str(), list->lines.size());
    Table table({"item", "kind", "tracking", "arrived", "reason"});
    for (const auto& l : list->lines)
        table.add({std::to_string(l.item.id), toString(l.item.kind), l.item.tracking,
                   formatDateFr(dateOf(l.item.arrivedAt)), desk::slipText(l.reason)});
    if (!list->lines.empty()) std::fputs(table.render().c_str(), stdout);
    if (!a.csv.empty()) {
        std::ofstream out(a.csv);
        out << desk::Returns::csv(*list);
        out.close();
        if (!out) return failWith("returns", a.csv + ": cannot write the list");
        std::printf("list written to %s\n", a.csv.c_str());
    }
    if (!a.pdf.empty()) {
        auto name = store->setting("structure.name");
        const std::string structure = name && *name ? **name : "Structure de domiciliation";
        if (auto w = desk::Returns::writeSlipPdf(*list, structure, a.pdf); !w)
            return failWith("returns", w.error().message);
        std::printf("slip for La Poste written to %s\n", a.pdf.c_str());
    }
    return 0;
}

} // namespace

void registerMailCommands(CLI::App& app, Context& context) {
    auto ref = std::make_shared<DossierRef>(0);
    auto* pending = app.add_subcommand("pending", "A person's pending mail, proxies and warnings");
    pending->add_option("dossier", *ref, "Dossier ref")->required();
    pending->callback(
        [&context, ref] { context.run = [&context, ref] { return runPending(context, *ref); }; });

    auto proxy = std::make_shared<std::optional<int>>();
    auto kinds = std::make_shared<std::string>("courrier");
    auto* handover = app.add_subcommand("handover", "Hand a person's mail over, to them or to a proxy");
    handover->add_option("dossier", *ref, "Dossier ref")->required();
    handover->add_option("--proxy", *proxy, "Index of the procuration of who collects (see guichet pending)");
    handover->add_option("--items", *kinds, "Kinds handed over, each whole: courrier,recommande,colis or all")
        ->capture_default_str();
    handover->callback([&context, ref, proxy, kinds] {
        context.run = [&context, ref, proxy, kinds] { return runHandover(context, *ref, *proxy, *kinds); };
    });

    struct RecordArgs {
        DossierRef dossier = 0;
        std::string kind = "courrier";
        std::string tracking;
        bool force = false;
    };
    auto r = std::make_shared<RecordArgs>();
    auto* record =
        app.add_subcommand("record", "Record an item by hand for a dossier (a parcel, a notice...)");
    record->add_option("dossier", r->dossier, "Dossier ref")->required();
    record->add_option("--kind", r->kind, "courrier, recommande or colis")->capture_default_str();
    record->add_option("--tracking", r->tracking, "Tracking number (registered mail, parcel)");
    record->add_flag("--force", r->force,
                     "Record it although the domiciliation is not granted, ended or not started");
    record->callback([&context, r] {
        context.run = [&context, r] {
            return runRecord(context, r->dossier, r->kind, r->tracking, r->force);
        };
    });

    auto a = std::make_shared<ReturnsArgs>();
    auto* returns =
        app.add_subcommand("returns", "Return to sender: what should go back, the day's list and slip");
    returns->add_option("--date", a->date, "The day (default: today)");
    returns->add_flag("--apply", a->apply,
                      "Mark what should go back (past the holding period, struck off, npai)");
    returns->add_option("--csv", a->csv, "Write the day's list as CSV");
    returns->add_option("--pdf", a->pdf, "Write the printable slip for La Poste (A4 PDF)");
    returns->callback([&context, a] { context.run = [&context, a] { return runReturns(context, *a); }; });
}

} // namespace guichet::app
