#pragma once
// For the build tools that make data compiled into the binary (intents/train_models.cpp,
// webhooks/rich_menu_image.cpp): writes `bytes` as a C++ source file that defines
// `std::string_view shirube::<function>()` returning them.
// Thread-safety: writes one file; no shared state.

#include <string>
#include <string_view>

namespace shirube {

// False when the file cannot be written. `generator` names the tool in the file's first line.
bool write_bytes_cpp(const std::string& path, const std::string& function, std::string_view bytes,
                     const std::string& generator);

}  // namespace shirube
