/* libFuzzer target: config.yaml parsing (yd_config_parse) and the key
 * table it yields. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yuedu/config.h"
#include "yuedu/problems.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    yd_config config;
    yd_problems problems;
    yd_error err = {0};
    memset(&config, 0, sizeof config);
    yd_problems_init(&problems);
    (void)yd_config_parse(&config, "config.yaml", (const char *)data, size, &problems, &err);
    char buf[1024];
    for (size_t k = 0; k < problems.count; k++)
        (void)yd_problem_format(&problems.items[k], buf, sizeof buf);
    (void)yd_problems_total(&problems);
    yd_problems_free(&problems);
    yd_config_free(&config);
    return 0;
}
