// guichet audit: the chained audit log. `audit` lists the last rows, `audit verify` walks the
// chain (an edited, deleted or inserted row is named), `audit --dossier REF` tells one person's
// story: who attributed each letter, who handed it over, to whom, when (ids only).
#include "commands/Commands.hpp"
#include "commands/Table.hpp"

#include <cstdio>
#include <memory>

namespace guichet::app {

namespace {

constexpr const char* kCommand = "audit";

std::string whatItMeans(const store::AuditEntry& e) {
    const std::string& a = e.action;
    if (a == "mail.recorded") return "recorded for the dossier";
    if (a == "mail.to_review") return "waiting for staff review";
    if (a == "mail.confirmed") return "attributed (a candidate confirmed)";
    if (a == "mail.assigned") return "attributed (dossier searched by staff)";
    if (a == "mail.handed_over")
        return e.subject.find("proxy:") != std::string::npos ? "handed over to a proxy"
                                                             : "handed over to the person";
    if (a == "mail.returned") return "marked for return to sender";
    if (a == "mail.undo_auto") return "automatic attribution undone";
    return "";
}

int runList(const Context& context, int last) {
    auto store = openStore(context.dbPath);
    if (!store) return failWith(kCommand, store.error().message, 2);
    auto rows = store->auditLog(last);
    if (!rows) return failWith(kCommand, rows.error().message, 2);
    Table table({"id", "at (UTC)", "staff", "action", "subject"});
    for (auto it = rows->rbegin(); it != rows->rend(); ++it)
        table.add({std::to_string(it->id), formatInstant(it->at), it->actor, it->action, it->subject});
    std::printf("%s", table.render(60).c_str());
    return 0;
}

int runVerify(const Context& context) {
    auto store = openStore(context.dbPath);
    if (!store) return failWith(kCommand, store.error().message, 2);
    auto v = store->verifyAudit();
    if (!v) return failWith(kCommand, v.error().message, 2);
    if (!v->ok) {
        std::printf("audit log: NOT INTACT at row %lld: %s\n", static_cast<long long>(v->badRow),
                    v->problem.c_str());
        return 1;
    }
    std::printf("audit log: intact, %lld rows chained", static_cast<long long>(v->rows));
    if (v->anchoredThrough > 0)
        std::printf(" (rows 1 to %lld deleted by retention, anchored)",
                    static_cast<long long>(v->anchoredThrough));
    std::printf("\nhead: %s\n", v->head.c_str());
    return 0;
}

int runDossier(const Context& context, DossierRef ref) {
    auto store = openStore(context.dbPath);
    if (!store) return failWith(kCommand, store.error().message, 2);
    auto items = store->mailItems(std::nullopt, ref);
    if (!items) return failWith(kCommand, items.error().message, 2);
    std::vector<std::string> tokens{"dossier:" + std::to_string(ref)};
    for (const MailItem& m : *items)
        tokens.push_back("mail:" + std::to_string(m.id));
    auto rows = store->auditMentioning(tokens);
    if (!rows) return failWith(kCommand, rows.error().message, 2);
    std::printf("dossier %lld: %zu mail items, %zu audit rows\n", static_cast<long long>(ref), items->size(),
                rows->size());
    if (!items->empty()) {
        Table table({"mail", "kind", "arrived (UTC)", "attributed by", "state", "closed (UTC)", "by", "to"});
        for (const MailItem& m : *items) {
            std::string to;
            if (m.state == MailState::HandedOver)
                to = m.handedToProxy ? "proxy " + std::to_string(*m.handedToProxy) : "the person";
            else if (m.state == MailState::ReturnToSender)
                to = "sender (" + m.returnReason + ")";
            table.add({std::to_string(m.id), toString(m.kind), formatInstant(m.arrivedAt),
                       m.matchedBy.empty() ? "-" : m.matchedBy, toString(m.state),
                       m.closedAt ? formatInstant(*m.closedAt) : "-", m.closedBy.empty() ? "-" : m.closedBy,
                       to.empty() ? "-" : to});
        }
        std::printf("%s", table.render(40).c_str());
    }
    Table table({"id", "at (UTC)", "staff", "action", "subject", "meaning"});
    for (const store::AuditEntry& e : *rows)
        table.add({std::to_string(e.id), formatInstant(e.at), e.actor, e.action, e.subject, whatItMeans(e)});
    std::printf("%s", table.render(60).c_str());
    return 0;
}

} // namespace

void registerAuditCommands(CLI::App& app, Context& context) {
    auto last = std::make_shared<int>(20);
    auto dossier = std::make_shared<DossierRef>(0);
    auto* audit = app.add_subcommand(
        "audit", "The audit log: last rows, one dossier's story (--dossier REF), or `audit verify`");
    audit->add_option("--last", *last, "How many of the last rows to list")->capture_default_str();
    audit->add_option("--dossier", *dossier,
                      "Who attributed, handed over or returned this dossier's mail, when");
    auto* verify = audit->add_subcommand("verify", "Walk the hash chain: exit 1 names the first row that was "
                                                   "edited, deleted or inserted");
    verify->callback([&context] { context.run = [&context] { return runVerify(context); }; });
    audit->callback([&context, audit, last, dossier] {
        if (audit->got_subcommand("verify")) return;
        context.run = [&context, last, dossier] {
            return *dossier > 0 ? runDossier(context, *dossier) : runList(context, *last);
        };
    });
}

} // namespace guichet::app
