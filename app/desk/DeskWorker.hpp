#pragma once
// The desk app's worker: a thread that owns its own store connection and runs the desk workflows
// (Review, Handover, Visits) for the commands the UI thread posts, and posts back what the screens
// need (plain data, crops decoded to RGBA). The UI thread never waits on the store: it posts and
// drains the results once per frame. Logs (stderr) carry ids, never names.

#include "guichet/core/ports/Clock.hpp"
#include "guichet/ui/Image.hpp"
#include "guichet/ui/desk/PersonScreen.hpp"
#include "guichet/ui/desk/QueueScreen.hpp"
#include "guichet/ui/desk/ReturnsScreen.hpp"
#include "guichet/ui/desk/ReviewScreen.hpp"
#include "guichet/ui/desk/StatsScreen.hpp"
#include "guichet/ui/desk/SyncScreen.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <variant>
#include <vector>

namespace guichet::deskapp {

namespace command {
struct Refresh {}; ///< the review queue and the kiosk's tickets
struct Pick {
    MailItemId item = 0;
    DossierRef dossier = 0;
};
struct Unknown {
    MailItemId item = 0;
};
struct Return {
    MailItemId item = 0;
    ui::desk::ReturnChoice reason = ui::desk::ReturnChoice::Refused;
};
struct Search {
    std::string text;
    bool forReview = true; ///< else the Person screen's finder
};
struct LoadPerson {
    DossierRef ref = 0;
};
struct HandOver {
    ui::desk::HandOverMail request;
};
struct ServeTicket {
    std::int64_t ticket = 0;
};
struct LoadReturns {}; ///< today's list and the proposals' count
struct MarkProposals {};
struct WriteSlip {}; ///< the La Poste slip of today's list, a PDF in the exports folder
struct ExportReturns {};
struct LoadStats {
    ui::desk::StatsPeriod period = ui::desk::StatsPeriod::Day;
};
struct ExportStats {
    ui::desk::StatsPeriod period = ui::desk::StatsPeriod::Day;
};
struct LoadSync {}; ///< the sync's state as the store keeps it (no network)
struct Requeue {
    std::int64_t event = 0; ///< 0: every parked event
};
} // namespace command

using Command =
    std::variant<command::Refresh, command::Pick, command::Unknown, command::Return, command::Search,
                 command::LoadPerson, command::HandOver, command::ServeTicket, command::LoadReturns,
                 command::MarkProposals, command::WriteSlip, command::ExportReturns, command::LoadStats,
                 command::ExportStats, command::LoadSync, command::Requeue>;

namespace result {
struct Review {
    std::vector<ui::desk::ReviewItem> items; ///< crops not uploaded: see `crops`
    std::vector<ui::Image> crops;            ///< one per item, empty when there is none
};
struct Tickets {
    std::vector<ui::desk::TicketRow> tickets;
};
struct Found {
    bool forReview = true;
    std::string text; ///< the query it answers (a late answer to an older query is dropped)
    std::vector<ui::desk::CandidateRow> rows;
};
struct Person {
    ui::desk::PersonView view; ///< language and header left to the session
};
struct Returns {
    std::string day;
    std::vector<ui::desk::ReturnRow> rows;
    std::size_t proposals = 0;
};
struct Stats {
    ui::desk::StatsPeriod period = ui::desk::StatsPeriod::Day;
    std::vector<ui::desk::StatsFigures> days;
    ui::desk::StatsFigures total;
};
struct Sync {
    ui::desk::SyncView view; ///< language, header and focus left to the session
};
struct Outcome {
    std::string status; ///< ids only
    bool refusal = false;
    bool reloadReview = false; ///< a decision was refused: the item comes back
};
} // namespace result

using Result = std::variant<result::Review, result::Tickets, result::Found, result::Person, result::Outcome,
                            result::Returns, result::Stats, result::Sync>;

struct WorkerOptions {
    std::string dbPath;
    std::string staff = "desk";
    ui::Language language = ui::Language::French;
    const Clock* clock = nullptr; ///< nullptr: the system clock
    std::string exportDir;     ///< where slips and CSV files are written; empty: "exports" beside the store
    std::string structureName; ///< on the slip; empty: the setting structure.name, else "Guichet"
};

class DeskWorker {
public:
    explicit DeskWorker(WorkerOptions options);
    ~DeskWorker(); ///< finishes the command in hand, drops the rest, joins
    DeskWorker(const DeskWorker&) = delete;
    DeskWorker& operator=(const DeskWorker&) = delete;

    void post(Command command);
    /// The results ready now (never blocks on the store).
    std::vector<Result> drain();
    /// True when no command is queued or running (tests wait for it between frames).
    bool idle() const;

private:
    void run();

    WorkerOptions options_;
    SystemClock systemClock_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Command> commands_;
    std::vector<Result> results_;
    bool running_ = false;
    bool stop_ = false;
    std::thread thread_;
};

} // namespace guichet::deskapp
