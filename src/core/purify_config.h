/* Reading the purify section of config.yaml (docs/CONFIG.md, "Purify
 * rules") against its schema. Internal to the core: config.c calls it. */
#ifndef YUEDU_PURIFY_CONFIG_H
#define YUEDU_PURIFY_CONFIG_H

#include <stdbool.h>

#include "yaml_schema.h"
#include "yuedu/purify.h"

/* value: the node of purify: a boolean (purify: on) or a mapping of hide,
 * dim and rules. Each problem is reported where it is written and the
 * rule or setting concerned left out. Returns false when out of memory. */
bool yd_purify_config_read(yd_schema *s, yaml_node_t *value, yd_purify_settings *out);

#endif
