#pragma once
#include <string>
#include <vector>

namespace shirube::app {
// `shirube serve [--host H] [--port P] [--db PATH] [--workers N]`: opens (and on first start
// fills) the knowledge base, creates the engine and the LINE channel from the environment
// (app/config.h: every variable, read once; a bad value is a startup failure), prints
// exactly one line `shirube: listening on http://HOST:PORT` to stdout, and serves until
// SIGINT/SIGTERM (then stops the LINE workers, then the server, and returns 0). Bad usage or a
// startup failure: one line on stderr, returns 2.
int run_serve(const std::vector<std::string>& args);
}  // namespace shirube::app
