#include "guichet/desk/Returns.hpp"

#include "guichet/core/Rules.hpp"
#include "guichet/desk/Handover.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <chrono>
#include <memory>
#include <sstream>

namespace guichet::desk {

namespace {

std::optional<ReturnReason> reasonOfDossier(const Dossier& d) {
    if (d.npai.actif) return ReturnReason::Npai;
    if (d.statut == Statut::Radie) return ReturnReason::Radie;
    if (d.statut == Statut::Refus) return ReturnReason::Refus;
    return std::nullopt;
}

Result<int> intSetting(store::Store& store, const char* key, int fallback) {
    auto value = store.setting(key);
    if (!value) return value.error();
    if (!*value || (*value)->empty()) return fallback;
    try {
        size_t used = 0;
        const int n = std::stoi(**value, &used);
        if (used == (*value)->size() && n > 0 && n <= 3650) return n;
    } catch (const std::exception&) {
    }
    return Error{std::string("setting ") + key + " = '" + **value +
                 "': expected a number of days (1 to 3650)"};
}

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

} // namespace

int HoldingPeriods::days(MailKind kind) const {
    switch (kind) {
    case MailKind::Courrier:
        return courrierDays;
    case MailKind::Recommande:
        return recommandeDays;
    case MailKind::Colis:
        return colisDays;
    }
    return courrierDays;
}

Result<HoldingPeriods> holdingPeriods(store::Store& store) {
    HoldingPeriods p;
    auto c = intSetting(store, "desk.hold.courrier_days", p.courrierDays);
    if (!c) return c.error();
    auto r = intSetting(store, "desk.hold.recommande_days", p.recommandeDays);
    if (!r) return r.error();
    auto k = intSetting(store, "desk.hold.colis_days", p.colisDays);
    if (!k) return k.error();
    return HoldingPeriods{*c, *r, *k};
}

Result<std::string> returnPendingItem(store::Store& store, MailItem item, ReturnReason reason,
                                      const std::string& staff, Instant at) {
    const std::string name = "mail item " + std::to_string(item.id);
    if (item.state != MailState::Pending || !item.dossier) return Error{name + " is not pending"};
    std::string note;
    auto events = store.eventsOfMailItem(item.id);
    if (!events) return events.error();
    bool reported = false;
    for (const Event& e : *events) {
        // A parked arrival was refused (or held for staff, e.g. the person was struck off): DomiFa
        // does not count it, and it stays listed with its reason.
        if (!isArrival(e.type) || e.state == EventState::Parked) continue;
        auto withdrawn = store.withdrawEvent(e.id);
        if (!withdrawn) return withdrawn.error();
        if (!*withdrawn) reported = true;
    }
    item.state = MailState::ReturnToSender;
    item.returnReason = toString(reason);
    item.closedAt = at;
    item.closedBy = staff;
    std::optional<Event> out;
    if (reported) {
        // DomiFa counts it. An Out closes the whole kind: send it only when that is exactly this.
        auto dossier = store.findDossier(*item.dossier);
        if (!dossier) return dossier.error();
        auto others = store.mailItems(MailState::Pending, item.dossier);
        if (!others) return others.error();
        int otherLocal = 0;
        for (const MailItem& o : *others)
            if (o.kind == item.kind && o.id != item.id) ++otherLocal;
        int held = 0;
        if (*dossier) {
            auto counts = pendingCounts(store, **dossier);
            if (!counts) return counts.error();
            held = (*counts)[item.kind];
        }
        if (*dossier && otherLocal == 0 && held <= item.count) {
            Event e;
            e.type = handOverEvent(item.kind);
            e.dossier = *item.dossier;
            e.count = item.count;
            e.returnToSender = true;
            e.createdAt = at;
            e.nextTry = at;
            out = e;
        } else {
            note = name + ": DomiFa keeps counting it for dossier " + std::to_string(*item.dossier) +
                   " until the person's next hand-over of " + toString(item.kind);
        }
    }
    if (auto u = store.updateMailItem(item, out); !u) return u.error();
    if (auto a = store.audit(staff, "mail.returned",
                             "mail:" + std::to_string(item.id) + " dossier:" + std::to_string(*item.dossier) +
                                 " reason:" + toString(reason));
        !a)
        return a.error();
    return note;
}

Result<std::vector<Proposal>> Returns::proposals() {
    auto periods = holdingPeriods(store_);
    if (!periods) return periods.error();
    auto pending = store_.mailItems(MailState::Pending);
    if (!pending) return pending.error();
    const Instant at = clock_.now();
    std::vector<Proposal> out;
    for (const MailItem& item : *pending) {
        if (!item.dossier) continue;
        auto dossier = store_.findDossier(*item.dossier);
        if (!dossier) return dossier.error();
        if (*dossier) {
            if (auto why = reasonOfDossier(**dossier)) {
                out.push_back({item, *why});
                continue;
            }
        }
        const auto age = std::chrono::duration_cast<std::chrono::days>(at - item.arrivedAt).count();
        if (age > periods->days(item.kind)) out.push_back({item, ReturnReason::HoldingExpired});
    }
    return out;
}

Result<std::vector<std::string>> Returns::applyProposals(const std::string& staff) {
    std::vector<std::string> notes;
    auto done = store_.transaction([&]() -> Result<void> {
        notes.clear();
        auto list = proposals();
        if (!list) return list.error();
        const Instant at = clock_.now();
        for (const Proposal& p : *list) {
            auto note = returnPendingItem(store_, p.item, p.reason, staff, at);
            if (!note) return note.error();
            notes.push_back("mail item " + std::to_string(p.item.id) + ": returned (" + toString(p.reason) +
                            ")" + (note->empty() ? "" : "; " + *note));
        }
        return {};
    });
    if (!done) return done.error();
    return notes;
}

Result<ReturnList> Returns::list(Date day) {
    const Instant from{std::chrono::sys_days{day}};
    const Instant to = from + std::chrono::days{1};
    auto items = store_.mailItemsBetween(from, to);
    if (!items) return items.error();
    ReturnList out;
    out.day = day;
    for (const MailItem& m : *items)
        if (m.state == MailState::ReturnToSender && m.closedAt && *m.closedAt >= from && *m.closedAt < to)
            out.lines.push_back(
                {m, parseReturnReason(m.returnReason).value_or(ReturnReason::UnknownRecipient)});
    std::stable_sort(out.lines.begin(), out.lines.end(), [](const ReturnLine& a, const ReturnLine& b) {
        return *a.item.closedAt < *b.item.closedAt;
    });
    return out;
}

std::string Returns::csv(const ReturnList& list) {
    std::ostringstream out;
    out << "mail_item,kind,tracking,arrived,reason,reason_text,dossier\n";
    for (const ReturnLine& l : list.lines)
        out << l.item.id << ',' << toString(l.item.kind) << ',' << csvField(l.item.tracking) << ','
            << formatDate(dateOf(l.item.arrivedAt)) << ',' << toString(l.reason) << ','
            << csvField(slipText(l.reason)) << ','
            << (l.item.dossier ? std::to_string(*l.item.dossier) : std::string()) << '\n';
    return out.str();
}

Result<void> Returns::writeSlipPdf(const ReturnList& list, const std::string& structureName,
                                   const std::string& path) {
    constexpr double kWidth = 595.28, kHeight = 841.89, kMargin = 48, kRow = 18;
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_pdf_surface_create(path.c_str(), kWidth, kHeight), cairo_surface_destroy);
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        return Error{path + ": cannot write the slip (" +
                     cairo_status_to_string(cairo_surface_status(surface.get())) + ")"};
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), cairo_destroy);
    cairo_t* c = cr.get();
    auto text = [&](double x, double y, const std::string& s, double size, bool bold = false) {
        cairo_select_font_face(c, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(c, size);
        cairo_move_to(c, x, y);
        cairo_show_text(c, s.c_str());
    };
    const double cols[] = {kMargin, kMargin + 50, kMargin + 135, kMargin + 265, kMargin + 340};
    int page = 1;
    double y = 0;
    auto header = [&] {
        cairo_set_source_rgb(c, 0, 0, 0);
        text(kMargin, kMargin + 10, "Retours à l'expéditeur — " + formatDateFr(list.day), 16, true);
        text(kMargin, kMargin + 30, structureName, 11);
        text(kWidth - kMargin - 60, kMargin + 30, "page " + std::to_string(page), 9);
        y = kMargin + 60;
        const char* titles[] = {"N°", "Type", "Suivi", "Arrivé le", "Motif"};
        for (int i = 0; i < 5; ++i)
            text(cols[i], y, titles[i], 10, true);
        y += 6;
        cairo_move_to(c, kMargin, y);
        cairo_line_to(c, kWidth - kMargin, y);
        cairo_set_line_width(c, 0.8);
        cairo_stroke(c);
        y += kRow;
    };
    header();
    for (const ReturnLine& l : list.lines) {
        if (y > kHeight - kMargin - 120) {
            cairo_show_page(c);
            ++page;
            header();
        }
        const char* kind = l.item.kind == MailKind::Courrier     ? "Lettre"
                           : l.item.kind == MailKind::Recommande ? "Recommandé"
                                                                 : "Colis";
        text(cols[0], y, std::to_string(l.item.id), 10);
        text(cols[1], y, kind, 10);
        text(cols[2], y, l.item.tracking.empty() ? "—" : l.item.tracking, 9);
        text(cols[3], y, formatDateFr(dateOf(l.item.arrivedAt)), 10);
        text(cols[4], y, slipText(l.reason), 9);
        y += kRow;
    }
    y += 10;
    text(kMargin, y,
         std::to_string(list.lines.size()) + (list.lines.size() > 1 ? " plis" : " pli") +
             " remis à La Poste pour retour à l'expéditeur.",
         11, true);
    y += 40;
    text(kMargin, y, "Pour la structure (nom, signature) :", 10);
    text(kWidth / 2 + 10, y, "Pour La Poste (nom, signature) :", 10);
    cairo_rectangle(c, kMargin, y + 8, kWidth / 2 - kMargin - 10, 60);
    cairo_rectangle(c, kWidth / 2 + 10, y + 8, kWidth / 2 - kMargin - 10, 60);
    cairo_stroke(c);
    cairo_show_page(c);
    cr.reset();
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        return Error{path + ": cannot write the slip (" +
                     cairo_status_to_string(cairo_surface_status(surface.get())) + ")"};
    return {};
}

} // namespace guichet::desk
