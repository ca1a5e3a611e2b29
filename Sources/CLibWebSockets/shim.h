#ifndef AUDIENCIA_CLWS_SHIM_H
#define AUDIENCIA_CLWS_SHIM_H
#include <libwebsockets.h>
#include <string.h>
#include <ev.h>

/* LWS_PRE is a function-like macro: the headroom lws needs before every lws_write payload
   (lws-write.h). Never recompute it by hand. */
static inline size_t audiencia_lws_pre(void) { return LWS_PRE; }

/* lws_set_log_level takes a bit mask built from LLL_* values; the adapter only wants errors
   and warnings from lws itself (its own logging goes through swift-log). */
static inline void audiencia_lws_set_log_level(int level) { lws_set_log_level(level, NULL); }

/* The status line and headers of a dynamic HTTP response (lws-http.h): type and length, never
   cached (it describes the live hearing), never sniffed. Non-zero when they could not be sent. */
static inline int audiencia_http_write_headers(struct lws *wsi, unsigned int status,
                                               const char *content_type, size_t length) {
    static const char no_store[] = "no-store", nosniff[] = "nosniff";
    unsigned char buffer[LWS_PRE + 512];
    unsigned char *start = &buffer[LWS_PRE], *p = start, *end = &buffer[sizeof(buffer) - 1];
    if (lws_add_http_common_headers(wsi, status, content_type, (lws_filepos_t)length, &p, end) ||
        lws_add_http_header_by_name(wsi, (const unsigned char *)"cache-control:",
                                    (const unsigned char *)no_store, sizeof(no_store) - 1, &p, end) ||
        lws_add_http_header_by_name(wsi, (const unsigned char *)"x-content-type-options:",
                                    (const unsigned char *)nosniff, sizeof(nosniff) - 1, &p, end))
        return 1;
    return lws_finalize_write_http_header(wsi, start, &p, end);
}

/* One piece of an HTTP body, copied behind the LWS_PRE headroom lws_write needs; the last piece
   ends the transaction (LWS_WRITE_HTTP_FINAL matters on HTTP/2). Non-zero on a short write. */
static inline int audiencia_http_write_body(struct lws *wsi, const unsigned char *bytes,
                                            size_t count, int last) {
    unsigned char buffer[LWS_PRE + 16 * 1024];
    if (count > sizeof(buffer) - LWS_PRE) return 1;
    if (count) memcpy(&buffer[LWS_PRE], bytes, count);
    return lws_write(wsi, &buffer[LWS_PRE], count,
                     last ? LWS_WRITE_HTTP_FINAL : LWS_WRITE_HTTP) != (int)count;
}

/* Bytes that are already whole WebSocket frames (header included), written as they are:
   LWS_WRITE_RAW skips lws's framing (the ws role sends it straight to lws_issue_raw), and a
   short send is kept and finished by lws before anything else goes out on the connection, so
   frames are never interleaved with lws's own pings or close. Returns the count accepted. */
static inline int audiencia_lws_write_frames(struct lws *wsi, unsigned char *frames, size_t count) {
    return lws_write(wsi, frames, count, LWS_WRITE_RAW);
}

/* A ping (RFC 6455 §5.5.2), framed by lws. It carries one byte because lws reports an empty
   pong to no one (LWS_CALLBACK_RECEIVE_PONG needs a payload), and the pong is how the transport
   hears from a client that sends nothing else. Negative when the connection failed. */
static inline int audiencia_lws_write_ping(struct lws *wsi) {
    unsigned char buffer[LWS_PRE + 1];
    buffer[LWS_PRE] = 'a';
    return lws_write(wsi, &buffer[LWS_PRE], 1, LWS_WRITE_PING);
}

/* Closes a connection at the next service without a close frame: for a peer that is gone. */
static inline void audiencia_lws_drop(struct lws *wsi) {
    lws_set_timeout(wsi, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
}

/* The loop lws runs on: libev's, which waits with epoll, instead of lws's own poll(), which
   walks every descriptor on every pass (with thousands of viewers and citizens connected, that
   walk was most of the server's time). The loop belongs to the adapter ("foreign" in lws's
   terms, handed over in lws_context_creation_info.foreign_loops) so that the service thread
   keeps its own pass: run the loop once, then make the pass's journal lines durable. NULL when
   it cannot be made. */
static inline void *audiencia_loop_create(void) { return ev_loop_new(EVBACKEND_EPOLL); }

/* One pass: waits for what is ready (or for the next timer), runs its callbacks, returns. */
static inline void audiencia_loop_run_once(void *loop) { ev_run(loop, EVRUN_ONCE); }

/* One pass over what is ready now, without waiting: between two slices of a feed wave. */
static inline void audiencia_loop_run_ready(void *loop) { ev_run(loop, EVRUN_NOWAIT); }

/* A one-shot timer on the adapter's loop, for the clock tick, the feed's wake-up and a pass the
   hearing asks for (LoopTimers). Under an event library lws 4.1 re-reads its own timer list
   (lws_sul) only after it has handled some I/O: the wake-up, set when the journal is committed
   between passes, could wait for the next unrelated packet, and the first tick for the first
   client. The loop's own timer fires on time. */
typedef struct audiencia_loop_timer {
    ev_timer watcher; /* first: the callback casts back */
    void (*fire)(void *context);
    void *context;
} audiencia_loop_timer;

static inline void audiencia_loop_timer_fired(struct ev_loop *loop, ev_timer *watcher, int events) {
    (void)loop; (void)events;
    audiencia_loop_timer *timer = (audiencia_loop_timer *)watcher;
    timer->fire(timer->context);
}

/* (Re)starts `timer` to fire once, `microseconds` from now (not from the start of the pass). */
static inline void audiencia_loop_timer_start(void *loop, audiencia_loop_timer *timer, long long microseconds) {
    ev_timer_stop(loop, &timer->watcher);
    ev_now_update(loop);
    ev_timer_init(&timer->watcher, audiencia_loop_timer_fired, (double)microseconds / 1e6, 0.);
    ev_timer_start(loop, &timer->watcher);
}

static inline void audiencia_loop_timer_stop(void *loop, audiencia_loop_timer *timer) {
    ev_timer_stop(loop, &timer->watcher);
}

/* After lws_context_destroy, which stops lws's watchers on the loop, and once the adapter has
   stopped its own timers: frees the loop without running it again (a watcher left behind
   would belong to memory lws has freed). */
static inline void audiencia_loop_finish(void *loop) { ev_loop_destroy(loop); }

#endif
