#ifndef AUDIENCIA_CEPOLL_SHIM_H
#define AUDIENCIA_CEPOLL_SHIM_H
/* Glibc's Swift module leaves out sys/epoll.h; the load generator's viewers need it. The
   event's data is a union, read and written here as the 64-bit token the generator uses. */
#include <sys/epoll.h>

static inline int audiencia_epoll_add(int epoll, int fd, unsigned long long token) {
    struct epoll_event event = { .events = EPOLLIN | EPOLLRDHUP, .data.u64 = token };
    return epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
}

static inline int audiencia_epoll_remove(int epoll, int fd) {
    struct epoll_event event = { 0 };
    return epoll_ctl(epoll, EPOLL_CTL_DEL, fd, &event);
}

/* Waits and writes the ready tokens into `tokens` (at most `capacity`); the count, or -1. */
static inline int audiencia_epoll_wait(int epoll, unsigned long long *tokens, int capacity, int milliseconds) {
    struct epoll_event events[1024];
    int n = epoll_wait(epoll, events, capacity < 1024 ? capacity : 1024, milliseconds);
    for (int i = 0; i < n; i++) tokens[i] = events[i].data.u64;
    return n;
}

static inline int audiencia_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }
#endif
