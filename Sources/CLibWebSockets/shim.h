#ifndef AUDIENCIA_CLWS_SHIM_H
#define AUDIENCIA_CLWS_SHIM_H
#include <libwebsockets.h>

/* LWS_PRE is a function-like macro: the headroom lws needs before every lws_write payload
   (lws-write.h). Never recompute it by hand. */
static inline size_t audiencia_lws_pre(void) { return LWS_PRE; }

/* A timer that knows its context. lws_sul callbacks only receive the list node, so the node
   is the first member and the callback casts back (the lws_container_of pattern). */
typedef struct audiencia_timer {
    lws_sorted_usec_list_t sul;
    struct lws_context *context;
} audiencia_timer;

static inline void audiencia_timer_schedule(audiencia_timer *timer, sul_cb_t callback,
                                            lws_usec_t delay_us) {
    lws_sul_schedule(timer->context, 0, &timer->sul, callback, delay_us);
}

static inline void audiencia_timer_cancel(audiencia_timer *timer) {
    lws_sul_cancel(&timer->sul);
}

static inline struct lws_context *audiencia_timer_context(lws_sorted_usec_list_t *sul) {
    return ((audiencia_timer *)sul)->context;
}

/* lws_set_log_level takes a bit mask built from LLL_* values; the adapter only wants errors
   and warnings from lws itself (its own logging goes through swift-log). */
static inline void audiencia_lws_set_log_level(int level) { lws_set_log_level(level, NULL); }

#endif
