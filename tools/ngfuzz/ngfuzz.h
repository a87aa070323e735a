/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ngfuzz: a seeded generic-netlink fuzzer for the "netgraph" family.
 *
 * A request is a pure function of (seed, worker, index): gen_request()
 * draws everything from a PRNG seeded with those three numbers, so any
 * request of any run can be generated again (-r) without the run.
 */
#ifndef NGFUZZ_H
#define NGFUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------ PRNG */

struct rng {
	uint64_t s;
};

uint64_t splitmix64(uint64_t *x);
void rng_seed(struct rng *r, uint64_t seed, uint64_t worker, uint64_t index);
uint64_t rng_next(struct rng *r);
/* uniform in [0, n); n > 0 */
uint32_t rng_below(struct rng *r, uint32_t n);
/* true with probability pct / 100 */
bool rng_pct(struct rng *r, unsigned int pct);
void rng_bytes(struct rng *r, void *buf, size_t len);

/* ------------------------------------------------------------ requests */

#define REQ_MAX_ATTRS	24
#define REQ_POOL	(320 * 1024)
#define REQ_MAX_PAYLOAD	65531	/* largest payload of one attribute */

struct req_attr {
	uint16_t type;		/* including NLA_F_* bits */
	uint32_t len;		/* payload bytes, <= REQ_MAX_PAYLOAD */
	uint8_t *data;		/* into req.pool */
};

/* Special actions a request may carry besides (or instead of) its message */
enum req_action {
	ACT_SEND,		/* send on the worker's main socket */
	ACT_SEND_AUX,		/* send on the worker's second socket */
	ACT_RECONNECT,		/* close and reopen the main socket first */
};

struct req {
	uint8_t cmd;
	uint8_t version;
	uint16_t nlflags;	/* NLM_F_* beyond REQUEST|ACK */
	enum req_action action;
	int nattrs;
	struct req_attr a[REQ_MAX_ATTRS];
	uint8_t tail[16];	/* raw bytes after the attributes */
	unsigned int taillen;
	char what[64];		/* short description, for -v */
	size_t used;
	uint8_t pool[REQ_POOL];
};

struct gen_ctx {
	uint64_t seed;
	unsigned int worker;	/* global worker number */
	unsigned int nworkers;	/* in the same network namespace */
	unsigned int port_base;	/* 127.0.0.1 ports used by ksocket */
	bool avoid_known;	/* -A: steer clear of known kernel bugs */
};

void gen_request(const struct gen_ctx *g, uint64_t index, struct req *rq);

/* The hook (family/type/proto) ksocket node k<m> is made with */
const char *gen_ks_hook(unsigned int m);

/* The worker's own socket node name, "s<worker>" */
void gen_sock_name(unsigned int worker, char *buf, size_t len);

/* ------------------------------------------------------------ netlink */

#define SBUF_SIZE	(REQ_MAX_ATTRS * (REQ_MAX_PAYLOAD + 8) + 64)
#define RBUF_SIZE	(256 * 1024)

struct nl_sock;
struct nlmsghdr;

/* One netlink socket of the netgraph family (ngfuzz.c) */
struct conn {
	struct nl_sock *sk;
	int fd;
	uint32_t seq;
	bool overflowed;	/* ENOBUFS while waiting for the last answer */
};

/* /proc/thread-self/fail-nth armed around one send (failnth.c) */
struct fail_nth {
	int fd;
	unsigned int nth;	/* fail the nth allocation; 0: none */
	bool hit;		/* the last armed send reached it */
};

typedef void (*reply_fn)(const struct nlmsghdr *nlh, void *arg);

extern int family_id;
extern unsigned int answer_timeout;	/* seconds, per answer */

int conn_open(struct conn *c);
void conn_close(struct conn *c);
size_t serialize(const struct req *rq, uint32_t seq, uint8_t *buf);
int transact(struct conn *c, uint8_t *sbuf, size_t len, uint8_t *rbuf,
	     reply_fn fn, void *arg);
int transact_nth(struct conn *c, uint8_t *sbuf, size_t len, uint8_t *rbuf,
		 reply_fn fn, void *arg, struct fail_nth *f);
int simple(struct conn *c, uint8_t *sbuf, uint8_t *rbuf, uint8_t cmd,
	   bool dump, reply_fn fn, void *arg, int nstr, ...);
int fail_nth_arm(struct fail_nth *f);
int fail_nth_disarm(struct fail_nth *f);

/* KCOV for the calling thread (kcov.c); area NULL: none */
struct kcov {
	int fd;
	unsigned long *area;
};

int kcov_global_init(void);
int kcov_pool_fill(unsigned int n);
int kcov_open(struct kcov *k);
void kcov_close(struct kcov *k);
void kcov_start(struct kcov *k);
unsigned int kcov_collect(struct kcov *k);
unsigned int kcov_report(const char *dir);

/* ngfuzz -F: the fail-nth sweep; returns the exit status */
int failnth_sweep(const char *only, unsigned int maxn, double seconds);

#endif /* NGFUZZ_H */
