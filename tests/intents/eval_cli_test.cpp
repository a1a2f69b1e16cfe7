#include "intents/eval_cli.h"

#include <catch2/catch.hpp>
