#pragma once
// Calendar dates and instants as the domain uses them. Dates are civil dates (no time zone);
// instants are UTC seconds since the epoch.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace guichet {

using Date = std::chrono::year_month_day;
using Instant = std::chrono::sys_seconds;

/// Parses "YYYY-MM-DD" (an ISO timestamp such as "1980-05-12T00:00:00.000Z" is accepted and its
/// date part kept) or "DD/MM/YYYY". Returns nullopt for anything else or an impossible date.
std::optional<Date> parseDate(std::string_view text);

/// "YYYY-MM-DD".
std::string formatDate(const Date& date);
/// "DD/MM/YYYY", as staff read dates.
std::string formatDateFr(const Date& date);

/// Parses an ISO-8601 UTC timestamp ("2026-11-23T10:05:00Z", fractional seconds and "+00:00"
/// accepted). Returns nullopt when the text is not such a timestamp.
std::optional<Instant> parseInstant(std::string_view text);
/// "YYYY-MM-DDTHH:MM:SSZ".
std::string formatInstant(Instant instant);

/// The civil date of an instant in UTC.
Date dateOf(Instant instant);

/// Now, rounded down to the second.
Instant now();

} // namespace guichet
