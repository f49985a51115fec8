# The fuzz targets, shared by tests/fuzz/CMakeLists.txt (libFuzzer builds, clang) and
# tests/CMakeLists.txt (replay of the corpora and regression inputs, any compiler).
# One target per input adapter (fuzz_adapter.c compiled with the adapter's name), the whole
# pipeline on sniffed input, the Mustache engine, the CSV reader, the Markdown -> PDF writer and
# JSON loading (lr_json_load against cJSON, json_oracle.c), and every sniffer and adapter on
# generated documents of any shape (fuzz_shape.c).
set(LR_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
set(LR_FUZZ_TARGETS native lmeval lmeval03 oll olltable bigcode eee helm report mustache csv pdf
    json shape)
# What the ctest replay passes besides the seeds and regressions: shape's inputs are a
# generator's choices, so pseudo-random bytes are documents worth reading.
set(LR_FUZZ_REPLAY_ARGS_shape -generate=3000)

set(LR_FUZZ_ADAPTER_native native)
set(LR_FUZZ_ADAPTER_lmeval lm-eval)
set(LR_FUZZ_ADAPTER_lmeval03 lm-eval-v0.3)
set(LR_FUZZ_ADAPTER_oll oll-v1)
set(LR_FUZZ_ADAPTER_olltable oll-table)
set(LR_FUZZ_ADAPTER_bigcode bigcode)
set(LR_FUZZ_ADAPTER_eee eee)
set(LR_FUZZ_ADAPTER_helm helm)
set(LR_FUZZ_NAME_olltable table.csv)

# lr_fuzz_target(NAME TARGET): an executable TARGET made of fuzz target NAME and the sources
# after it (the libFuzzer main, or replay.c).
function(lr_fuzz_target name target)
  if(DEFINED LR_FUZZ_ADAPTER_${name})
    set(src ${LR_FUZZ_DIR}/fuzz_adapter.c)
  else()
    set(src ${LR_FUZZ_DIR}/fuzz_${name}.c)
  endif()
  add_executable(${target} ${src} ${LR_FUZZ_DIR}/fuzz_common.c ${ARGN})
  if(name STREQUAL "json")
    target_sources(${target} PRIVATE ${LR_FUZZ_DIR}/json_oracle.c)
  endif()
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/src ${LR_FUZZ_DIR})
  target_compile_options(${target} PRIVATE ${LR_WARNINGS})
  target_compile_definitions(${target} PRIVATE LR_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  if(DEFINED LR_FUZZ_ADAPTER_${name})
    target_compile_definitions(${target} PRIVATE LR_FUZZ_ADAPTER="${LR_FUZZ_ADAPTER_${name}}")
  endif()
  if(DEFINED LR_FUZZ_NAME_${name})
    target_compile_definitions(${target} PRIVATE LR_FUZZ_NAME="${LR_FUZZ_NAME_${name}}")
  endif()
  target_link_libraries(${target} PRIVATE llmreport)
endfunction()
