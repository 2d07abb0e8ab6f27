// guichet settings KEY [VALUE]: read or change one of the structure's settings in the store.
#include "commands/Commands.hpp"
#include "guichet/desk/Retention.hpp"
#include "guichet/desk/Returns.hpp"
#include "guichet/match/Matcher.hpp"

#include <algorithm>
#include <cstdio>

namespace guichet::app {

namespace {

/// The settings staff may change, and what they mean.
struct Known {
    const char* key;
    const char* meaning;
};
constexpr Known kKnown[] = {
    {"structure.name", "the structure's name, printed on cards, tickets and the return slip"},
    {"structure.numbers", "the box / BP / CS numbers of the structure's own address (\"220, BP 90\"): "
                          "never read as a person's box"},
    {"desk.hold.courrier_days", "days a letter is kept before it is proposed for return (default 90)"},
    {"desk.hold.recommande_days", "days a registered-mail notice is kept (default 15)"},
    {"desk.hold.colis_days", "days a parcel is kept (default 15)"},
    {"retention.crop_days",
     "days after the decision that address crops and filed scans are deleted (default 7)"},
    {"retention.mail_months", "months after closing that mail becomes anonymous daily counts (default 13)"},
    {"retention.audit_days", "days audit rows are kept (default 365)"},
};

int runSettings(const Context& context, const std::string& key, const std::optional<std::string>& value) {
    auto store = openStore(context.dbPath);
    if (!store) return failWith("settings", store.error().message);
    if (key.empty()) {
        for (const Known& k : kKnown) {
            auto v = store->setting(k.key);
            if (!v) return failWith("settings", v.error().message);
            std::printf("%-26s %-24s %s\n", k.key, *v ? ("\"" + **v + "\"").c_str() : "(default)", k.meaning);
        }
        return 0;
    }
    const bool known =
        std::any_of(std::begin(kKnown), std::end(kKnown), [&](const Known& k) { return key == k.key; });
    if (!known)
        return failWith("settings",
                        "\"" + key + "\" is not a setting staff change here (guichet settings lists them)",
                        2);
    if (value) {
        if (key == "structure.numbers")
            if (auto numbers = match::parseStructureNumbers(*value); !numbers)
                return failWith("settings", numbers.error().message, 2);
        auto previous = store->setting(key);
        if (!previous) return failWith("settings", previous.error().message);
        if (auto w = store->setSetting(key, *value); !w) return failWith("settings", w.error().message);
        auto periods = desk::holdingPeriods(*store);
        auto retention = desk::retentionPolicy(*store);
        if (!periods || !retention) {
            // Put back what was there: a bad value must not stop the returns or the purge.
            (void)(*previous ? store->setSetting(key, **previous) : store->setSetting(key, ""));
            return failWith("settings", (!periods ? periods.error() : retention.error()).message, 2);
        }
        (void)store->audit(context.staff, "setting.changed", "key:" + key);
    }
    auto v = store->setting(key);
    if (!v) return failWith("settings", v.error().message);
    std::printf("%s = %s\n", key.c_str(), *v ? (**v).c_str() : "(default)");
    return 0;
}

} // namespace

void registerSettingsCommand(CLI::App& app, Context& context) {
    auto key = std::make_shared<std::string>();
    auto value = std::make_shared<std::optional<std::string>>();
    auto* settings = app.add_subcommand("settings", "The structure's settings: list, read or change one");
    settings->add_option("key", *key, "Setting to read or change (none: list them)");
    settings->add_option("value", *value, "New value");
    settings->callback([&context, key, value] {
        context.run = [&context, key, value] { return runSettings(context, *key, *value); };
    });
}

} // namespace guichet::app
