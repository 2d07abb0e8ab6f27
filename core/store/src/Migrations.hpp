#pragma once
#include <string_view>
#include <vector>

namespace guichet::store {

/// The schema, as an append-only list: migration i brings the schema from version i to i+1.
/// Never edit a released step; add a new one.
const std::vector<std::string_view>& migrations();

/// PRAGMA application_id of a Guichet store ("GCHT"): tells our files from other SQLite files.
constexpr int kApplicationId = 0x47434854;

} // namespace guichet::store
