/* Hit counts per outline node: an outline of 100 000 nodes (chapters of
 * ten articles) over a document of 50 M UTF-16 units (100 MB), 300 000
 * hits spread over it; every node's count made, as if every row of the
 * outline were drawn at once. Reports the best of the runs.
 *
 *   outline_hits_bench [--runs N] */
#define BENCH_NAME "outline_hits_bench"
#include "bench_util.h"

#include "yuedu/outline_hits.h"

enum { NODES = 100000, LENGTH = 50000000, HITS = 300000 };

int main(int argc, char **argv)
{
    int runs = 5;
    if (argc > 2 && strcmp(argv[1], "--runs") == 0)
        runs = atoi(argv[2]);
    yd_outline o = {0};
    o.nodes = calloc(NODES, sizeof *o.nodes);
    yd_hits hits = {0};
    hits.items = calloc(HITS, sizeof *hits.items);
    if (!o.nodes || !hits.items)
        die("memory", NULL);
    o.count = o.capacity = NODES;
    for (int32_t k = 0; k < NODES; k++) {
        int chapter = k % 11 == 0; /* a chapter, then its ten articles */
        o.nodes[k].offset = (int32_t)((int64_t)LENGTH * k / NODES);
        o.nodes[k].parent = chapter ? -1 : k - k % 11;
        o.nodes[k].end = chapter ? (k + 11 < NODES ? k + 11 : NODES) : k + 1;
        o.nodes[k].depth = chapter ? 1 : 2;
    }
    hits.count = hits.capacity = HITS;
    for (int32_t k = 0; k < HITS; k++)
        hits.items[k] = (yd_hit){(int32_t)((int64_t)LENGTH * k / HITS), 2};
    double best = 1e9;
    size_t total = 0;
    for (int r = 0; r < runs; r++) {
        double s = now_ms();
        total = 0;
        for (int32_t k = 0; k < NODES; k++)
            total += yd_outline_node_hits(&o, LENGTH, k, &hits);
        double ms = now_ms() - s;
        if (ms < best)
            best = ms;
    }
    printf("%d nodes, %d hits in %d units: every node counted in %.2f ms (budget 50 ms; %zu counted)\n", NODES,
           HITS, LENGTH, best, total);
    free(o.nodes);
    free(hits.items);
    return 0;
}
