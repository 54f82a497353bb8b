#pragma once
// Writes a TOML table as text for the resolved scenario, so that reading the text back
// gives exactly the same values: floats in the shortest form that round-trips
// (std::to_chars), strings in double quotes. toml++'s own formatter either prints 17
// digits (0.69999999999999996) or rounds to 6, which would break "reproducible from
// the output file alone".
#include <toml++/toml.h>

#include <string>

namespace tsunagi {

std::string to_toml_text(const toml::table& table);

}  // namespace tsunagi
