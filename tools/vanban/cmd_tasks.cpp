// Placeholder until the task queries land (vanban tasks ...).
#include "tools/vanban/commands.h"

namespace vanban::cli {
void AddTaskCommands(CLI::App&, GlobalOptions&, int&) {}
}  // namespace vanban::cli
