#include "guichet/desk/Retention.hpp"

#include "guichet/desk/Returns.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <sys/stat.h>

namespace guichet::desk {

namespace fs = std::filesystem;

namespace {

Result<int> daysSetting(store::Store& store, const std::string& key, int fallback, int min, int max) {
    auto v = store.setting(key);
    if (!v) return v.error();
    if (!*v || (*v)->empty()) return fallback;
    int n = 0;
    const std::string& text = **v;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size() || n < min || n > max)
        return Error{"setting " + key + " = \"" + text + "\": expected a whole number from " +
                     std::to_string(min) + " to " + std::to_string(max)};
    return n;
}

/// Seconds since the epoch of the later of a file's modification and status change (a scan moved
/// into done/ gets a new status change time).
std::optional<std::int64_t> filedAt(const fs::path& file) {
    struct stat st {};
    if (::lstat(file.c_str(), &st) != 0) return std::nullopt;
    return std::max<std::int64_t>(st.st_mtim.tv_sec, st.st_ctim.tv_sec);
}

} // namespace

Result<store::RetentionPolicy> retentionPolicy(store::Store& store) {
    store::RetentionPolicy p;
    auto crop = daysSetting(store, "retention.crop_days", p.cropDays, 1, 365);
    if (!crop) return crop.error();
    auto months = daysSetting(store, "retention.mail_months", 13, 1, 120);
    if (!months) return months.error();
    auto audit = daysSetting(store, "retention.audit_days", p.auditDays, 30, 3650);
    if (!audit) return audit.error();
    auto hold = holdingPeriods(store);
    if (!hold) return hold.error();
    const int longest = std::max({hold->courrierDays, hold->recommandeDays, hold->colisDays});
    const int mailDays = *months * 31;
    if (mailDays < longest + 30)
        return Error{"setting retention.mail_months = " + std::to_string(*months) + ": " +
                     std::to_string(mailDays) + " days is shorter than the longest holding period (" +
                     std::to_string(longest) + " days) plus a 30-day margin"};
    return store::RetentionPolicy{*crop, mailDays, *audit};
}

Result<std::vector<std::string>> retentionFolders(store::Store& store) {
    auto v = store.setting("retention.folders");
    if (!v) return v.error();
    std::vector<std::string> out;
    if (!*v) return out;
    std::string current;
    for (char c : **v + "|") {
        if (c != '|') {
            current += c;
            continue;
        }
        if (!current.empty()) out.push_back(current);
        current.clear();
    }
    return out;
}

Result<void> addRetentionFolder(store::Store& store, const std::string& folder) {
    std::error_code ec;
    const std::string absolute = fs::absolute(folder, ec).lexically_normal().string();
    if (ec) return Error{folder + ": " + ec.message()};
    if (absolute.find('|') != std::string::npos)
        return Error{folder + ": a folder name with '|' cannot be listed in retention.folders"};
    return store.transaction([&]() -> Result<void> {
        auto folders = retentionFolders(store);
        if (!folders) return folders.error();
        if (std::find(folders->begin(), folders->end(), absolute) != folders->end()) return {};
        folders->push_back(absolute);
        std::string joined;
        for (const std::string& f : *folders)
            joined += (joined.empty() ? "" : "|") + f;
        return store.setSetting("retention.folders", joined);
    });
}

Result<PurgeOutcome> purge(store::Store& store, const Clock& clock, bool dryRun,
                           const std::function<void(const store::PurgeReport&)>& afterBatch) {
    PurgeOutcome out;
    auto policy = retentionPolicy(store);
    if (!policy) return policy.error();
    out.policy = *policy;
    const Instant now = clock.now();
    auto report = store.purge(*policy, now, dryRun, afterBatch);
    if (!report) return report.error();
    out.report = *report;

    auto folders = retentionFolders(store);
    if (!folders) return folders.error();
    const std::int64_t cut = now.time_since_epoch().count() - std::int64_t{policy->cropDays} * 86400;
    for (const std::string& folder : *folders) {
        for (const char* sub : {"done", "failed"}) {
            const fs::path dir = fs::path(folder) / sub;
            std::error_code ec;
            if (!fs::is_directory(dir, ec)) continue;
            for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
                if (!it->is_regular_file(ec)) continue; // never follows a link out of the folder
                auto at = filedAt(it->path());
                if (!at || *at >= cut) continue;
                if (!dryRun && !fs::remove(it->path(), ec)) {
                    out.notes.push_back(it->path().string() + ": cannot delete: " + ec.message());
                    continue;
                }
                ++out.scans;
            }
            if (ec) out.notes.push_back(dir.string() + ": " + ec.message());
        }
    }
    return out;
}

} // namespace guichet::desk
