/* Reading the report config (format "llmreport-config/1") from a file into an lr_config. */
#ifndef LR_INGEST_CONFIG_H
#define LR_INGEST_CONFIG_H

#include "llmreport.h"
#include "model/config.h"
#include "model/store.h"

/* Reads path into c, applying aliases and registry extensions to store. Errors are per file
 * (LR_EPARSE with position, LR_ETYPE with a pointer). */
lr_status lr_config_load(lr_config *c, const char *path, lr_store *store, lr_error *err);

#endif
