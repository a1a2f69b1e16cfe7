#include "intents/intent_matcher.h"

#include <catch2/catch.hpp>
