#pragma once
// The list of processes, in the order they act within each phase, are initialised,
// declare their series and are saved in checkpoints (processes/process.hpp).
//
// Adding a process: write processes/<name>/ with its state's owner, its recorder and a
// <name>_process.{hpp,cpp} pair implementing Process and ProcessModel, then add one line
// to the list in process_registry.cpp. Nothing else changes. (An explicit list, not
// self-registration, because a static library may drop unreferenced objects at link time.)
#include <span>

#include "processes/process.hpp"

namespace tsunagi {

std::span<const ProcessEntry> registered_processes();

}  // namespace tsunagi
