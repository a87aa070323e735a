// SPDX-License-Identifier: GPL-2.0
/*
 * ngfuzz: a seeded, reproducible fuzzer for the "netgraph" generic-netlink
 * family.  See README.md.
 *
 * Workers (threads, each with its own netlink sockets) send requests made
 * by gen_request() and count the kernel's answers by errno.  With -n or -u
 * the workers run in child processes, one network namespace each (-u: a
 * user namespace of uid 65534 first, so the fuzzing runs as a namespace
 * admin without any privilege in the initial namespaces).
 *
 * The kernel's health is judged elsewhere (the console); this program
 * fails (exit 1) only when it cannot do its own work.  Exit 4: the
 * requested mode cannot run here (no user namespaces).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <inttypes.h>
#include <net/if.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include <netgraph.h>
#include <netgraph_genl.h>
#include <ng_hub.h>

#include "ngfuzz.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define ERR_SLOTS	160		/* errnos 0..ERR_SLOTS-3 */
#define ERR_TIMEOUT	(ERR_SLOTS - 2)
#define ERR_OTHER	(ERR_SLOTS - 1)
#define SWEEP_EVERY	2000		/* requests of a netns's first worker */
#define SEED_EVERY	200		/* requests of each worker */
#define MAX_BASELINE	4096
#define BATCH_MAX	32		/* -b: requests per send, at most */
#define BATCH_BYTES	(64 * 1024)	/* no request starts past this */
#define PROF_KINDS	96		/* request kinds timed */
#define PROF_SHOWN	8		/* the slowest kinds in the summary */

/* Time spent on one kind of request (its description's first words) */
struct prof {
	char key[28];
	uint64_t n;
	uint64_t ns;
};

/* Shared between all processes (MAP_SHARED) */
struct shared {
	uint64_t claimed;		/* requests handed out */
	uint64_t done;			/* requests answered (or timed out) */
	uint64_t errs[ERR_SLOTS];
	uint64_t stuck;			/* workers that never came back */
	int stop;
	int broken;			/* a worker could not work */
	pthread_mutex_t prof_lock;	/* process-shared */
	struct prof prof[PROF_KINDS];
};

struct opts {
	uint64_t seed;
	uint64_t requests;
	double seconds;
	unsigned int threads;
	unsigned int netns;
	bool unpriv;
	int verbose;
	bool kmsg;
	bool avoid_known;
	unsigned int port_base;
	unsigned int timeout;
	unsigned int batch;
	bool replay;
	bool dry;
	uint64_t replay_from, replay_to;
	unsigned int replay_worker;
	bool failnth;
	const char *kcov_dir;
	const char *failnth_only;
	unsigned int failnth_max;
};

static struct opts o = {
	.seed = 1,
	.requests = 100000,
	.seconds = 3600,
	.threads = 4,
	.port_base = 30000,
	.timeout = 15,
	.batch = 8,
	.failnth_max = 300,
};

static struct shared *sh;
static struct timespec t_start;
int family_id;
unsigned int answer_timeout = 15;
static int kmsg_fd = -1;
static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;

static double elapsed(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t_start.tv_sec) +
	       (double)(now.tv_nsec - t_start.tv_nsec) / 1e9;
}

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("ngfuzz: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void warnx(const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&out_lock);
	va_start(ap, fmt);
	fputs("ngfuzz: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	pthread_mutex_unlock(&out_lock);
}

/* ------------------------------------------------------------ netlink */

int conn_open(struct conn *c)
{
	int one = 1, sz;
	struct timeval tv = { .tv_sec = answer_timeout };

	c->sk = nl_socket_alloc();
	if (!c->sk)
		return -ENOMEM;
	if (nl_connect(c->sk, NETLINK_GENERIC) < 0) {
		nl_socket_free(c->sk);
		c->sk = NULL;
		return -errno ? -errno : -EIO;
	}
	c->fd = nl_socket_get_fd(c->sk);
	nl_socket_set_buffer_size(c->sk, 4 << 20, 4 << 20);
	sz = 4 << 20;
	(void)setsockopt(c->fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz));
	(void)setsockopt(c->fd, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof(sz));
	(void)setsockopt(c->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one,
			 sizeof(one));
	(void)setsockopt(c->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one,
			 sizeof(one));
	(void)setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	c->seq = 1;
	return 0;
}

void conn_close(struct conn *c)
{
	if (c->sk) {
		nl_close(c->sk);
		nl_socket_free(c->sk);
	}
	c->sk = NULL;
}

static int resolve_family(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	int id;

	if (!sk)
		return -ENOMEM;
	if (genl_connect(sk) < 0) {
		nl_socket_free(sk);
		return -EIO;
	}
	id = genl_ctrl_resolve(sk, NETGRAPH_GENL_NAME);
	nl_close(sk);
	nl_socket_free(sk);
	return id;
}

/* Serialize rq into buf; returns its length */
size_t serialize(const struct req *rq, uint32_t seq, uint8_t *buf)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct genlmsghdr *gh = (struct genlmsghdr *)(buf + NLMSG_HDRLEN);
	size_t off = NLMSG_HDRLEN + GENL_HDRLEN;
	int i;

	memset(buf, 0, off);
	for (i = 0; i < rq->nattrs; i++) {
		const struct req_attr *a = &rq->a[i];
		struct nlattr *na = (struct nlattr *)(buf + off);
		size_t pad = NLA_ALIGN(NLA_HDRLEN + a->len);

		na->nla_len = (uint16_t)(NLA_HDRLEN + a->len);
		na->nla_type = a->type;
		memcpy(buf + off + NLA_HDRLEN, a->data, a->len);
		memset(buf + off + NLA_HDRLEN + a->len, 0,
		       pad - NLA_HDRLEN - a->len);
		off += pad;
	}
	memcpy(buf + off, rq->tail, rq->taillen);
	off += rq->taillen;
	nlh->nlmsg_len = (uint32_t)off;
	nlh->nlmsg_type = (uint16_t)family_id;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | rq->nlflags;
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_pid = 0;
	gh->cmd = rq->cmd;
	gh->version = rq->version;
	return off;
}

/*
 * Send buf and collect the answer to it: 0 (ACK / DONE), a positive
 * kernel errno, or -ETIMEDOUT when nothing came within the timeout.
 * Messages of other sequence numbers (notifications) are skipped.
 * With f (fail-nth), the send alone runs with f->fd armed to f->nth.
 */
/* SO_RCVTIMEO of @c's socket, @secs seconds */
static void set_answer_wait(struct conn *c, unsigned int secs)
{
	struct timeval tv = { .tv_sec = secs };

	(void)setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

/*
 * After the receive buffer overflowed (ENOBUFS: the socket node channels
 * a request attached to this socket may fill it), the answer may have
 * been dropped with the rest: wait this long for it, not answer_timeout.
 */
#define OVERFLOW_WAIT	2

static int transact_wait(struct conn *c, uint32_t seq, uint8_t *rbuf,
			 reply_fn fn, void *arg, struct fail_nth *f);

int transact_nth(struct conn *c, uint8_t *sbuf, size_t len, uint8_t *rbuf,
		 reply_fn fn, void *arg, struct fail_nth *f)
{
	uint32_t seq = ((struct nlmsghdr *)sbuf)->nlmsg_seq;
	int r;

	if (f && fail_nth_arm(f))
		return errno;
	errno = 0;
	r = nl_sendto(c->sk, sbuf, len);
	if (f && fail_nth_disarm(f))
		return errno;
	if (r < 0)
		return errno ? errno : EIO;
	c->overflowed = false;
	r = transact_wait(c, seq, rbuf, fn, arg, f);
	if (c->overflowed)
		set_answer_wait(c, answer_timeout);
	return r;
}

/*
 * The answer to request @seq: 0 or its positive errno; -ETIMEDOUT when
 * none came in time (after an overflow, c->overflowed says it may have
 * been dropped).
 */
static int transact_wait(struct conn *c, uint32_t seq, uint8_t *rbuf,
			 reply_fn fn, void *arg, struct fail_nth *f)
{
	for (;;) {
		ssize_t n = recv(c->fd, rbuf, RBUF_SIZE, 0);
		struct nlmsghdr *nlh;
		size_t left;

		if (n < 0) {
			/* a lost answer is the answer in a fail-nth sweep */
			if (errno == ENOBUFS && f)
				return ENOBUFS;
			if (errno == ENOBUFS && !c->overflowed) {
				c->overflowed = true;
				set_answer_wait(c, OVERFLOW_WAIT);
			}
			if (errno == EINTR || errno == ENOBUFS)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return -ETIMEDOUT;
			return errno;
		}
		left = (size_t)n;
		for (nlh = (struct nlmsghdr *)rbuf; NLMSG_OK(nlh, left);
		     nlh = NLMSG_NEXT(nlh, left)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nlh);

				if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(int)))
					return EPROTO;
				return e->error < 0 ? -e->error : e->error;
			}
			if (nlh->nlmsg_type == NLMSG_DONE) {
				int e = 0;

				if (nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(int)))
					memcpy(&e, NLMSG_DATA(nlh), sizeof(e));
				return e < 0 ? -e : 0;
			}
			if (fn)
				fn(nlh, arg);
		}
	}
}

int transact(struct conn *c, uint8_t *sbuf, size_t len, uint8_t *rbuf,
	     reply_fn fn, void *arg)
{
	return transact_nth(c, sbuf, len, rbuf, fn, arg, NULL);
}

/* ------------------------------------------------------------ helpers */

static void count_err(int e)
{
	int slot = e < 0 ? ERR_TIMEOUT : (e < ERR_TIMEOUT ? e : ERR_OTHER);

	__atomic_fetch_add(&sh->errs[slot], 1, __ATOMIC_RELAXED);
}

static const char *err_name(int slot, char *buf, size_t len)
{
	const char *n;

	if (slot == 0)
		return "OK";
	if (slot == ERR_TIMEOUT)
		return "TIMEOUT";
	if (slot == ERR_OTHER)
		return "OTHER";
	n = strerrorname_np(slot);
	if (n)
		return n;
	snprintf(buf, len, "E%d", slot);
	return buf;
}

/* A simple request from a command and string attributes (type, value) */
int simple(struct conn *c, uint8_t *sbuf, uint8_t *rbuf, uint8_t cmd,
		  bool dump, reply_fn fn, void *arg, int nstr, ...)
{
	static __thread struct req *rq;
	va_list ap;
	int i;

	if (!rq) {
		rq = calloc(1, sizeof(*rq));
		if (!rq)
			return ENOMEM;
	}
	rq->cmd = cmd;
	rq->version = NETGRAPH_GENL_VERSION;
	rq->nlflags = dump ? NLM_F_DUMP : 0;
	rq->nattrs = 0;
	rq->taillen = 0;
	rq->used = 0;
	va_start(ap, nstr);
	for (i = 0; i < nstr; i++) {
		int t = va_arg(ap, int);
		const char *s = va_arg(ap, const char *);
		size_t l = strlen(s) + 1;

		rq->a[i].type = (uint16_t)t;
		rq->a[i].len = (uint32_t)l;
		rq->a[i].data = rq->pool + rq->used;
		memcpy(rq->a[i].data, s, l);
		rq->used += (l + 3) & ~(size_t)3;
		rq->nattrs++;
	}
	va_end(ap);
	i = transact(c, sbuf, serialize(rq, c->seq++, sbuf), rbuf, fn, arg);
	if (o.verbose) {
		char b[16];

		pthread_mutex_lock(&out_lock);
		fprintf(stderr, "setup cmd %u %s -> %s\n", cmd,
			rq->nattrs ? (char *)rq->a[0].data : "",
			err_name(i < 0 ? ERR_TIMEOUT :
				 (i < ERR_TIMEOUT ? i : ERR_OTHER), b, sizeof(b)));
		pthread_mutex_unlock(&out_lock);
	}
	return i;
}

struct idlist {
	uint32_t n;
	uint32_t id[MAX_BASELINE];
	bool socket[MAX_BASELINE];	/* a socket node (a worker's own) */
};

static void collect_id(const struct nlmsghdr *nlh, void *arg)
{
	struct idlist *l = arg;
	struct nlattr *tb[NETGRAPH_A_MAX + 1], *nb[NETGRAPH_NODE_A_MAX + 1];
	struct genlmsghdr *gh = nlmsg_data(nlh);

	if (nla_parse(tb, NETGRAPH_A_MAX, genlmsg_attrdata(gh, 0),
		      genlmsg_attrlen(gh, 0), NULL) < 0 ||
	    !tb[NETGRAPH_A_NODE])
		return;
	if (nla_parse_nested(nb, NETGRAPH_NODE_A_MAX, tb[NETGRAPH_A_NODE],
			     NULL) < 0 || !nb[NETGRAPH_NODE_A_ID])
		return;
	if (l->n < MAX_BASELINE) {
		l->socket[l->n] = nb[NETGRAPH_NODE_A_TYPE] &&
			!strncmp(nla_data(nb[NETGRAPH_NODE_A_TYPE]), "socket",
				 nla_len(nb[NETGRAPH_NODE_A_TYPE]));
		l->id[l->n++] = nla_get_u32(nb[NETGRAPH_NODE_A_ID]);
	}
}

static bool in_list(const struct idlist *l, uint32_t id)
{
	uint32_t i;

	for (i = 0; i < l->n; i++)
		if (l->id[i] == id)
			return true;
	return false;
}

/* Nodes of this netns before the run: the sweep leaves them alone */
static struct idlist baseline;

/* NGM_HUB_SET_PERSISTENT to the hub at path: it outlives its hooks */
static void hub_persistent(struct conn *c, uint8_t *sbuf, uint8_t *rbuf,
			   const char *path)
{
	size_t pl = strlen(path) + 1;
	uint8_t *p = sbuf + NLMSG_HDRLEN + GENL_HDRLEN;
	struct nlattr *na = (struct nlattr *)p;
	struct ng_mesg *m;

	memset(sbuf, 0, 1024);
	na->nla_type = NETGRAPH_A_PATH;
	na->nla_len = (uint16_t)(NLA_HDRLEN + pl);
	memcpy(p + NLA_HDRLEN, path, pl);
	p += NLA_ALIGN(na->nla_len);
	na = (struct nlattr *)p;
	na->nla_type = NETGRAPH_A_MSG;
	na->nla_len = NLA_HDRLEN + sizeof(*m);
	m = (struct ng_mesg *)(p + NLA_HDRLEN);
	m->header.version = NG_VERSION;
	m->header.typecookie = NGM_HUB_COOKIE;
	m->header.cmd = NGM_HUB_SET_PERSISTENT;
	strcpy(m->header.cmdstr, "setpersistent");
	p += NLA_ALIGN(na->nla_len);
	((struct nlmsghdr *)sbuf)->nlmsg_len = (uint32_t)(p - sbuf);
	((struct nlmsghdr *)sbuf)->nlmsg_type = (uint16_t)family_id;
	((struct nlmsghdr *)sbuf)->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	((struct nlmsghdr *)sbuf)->nlmsg_seq = c->seq++;
	((struct genlmsghdr *)(sbuf + NLMSG_HDRLEN))->cmd = NETGRAPH_CMD_MSG;
	((struct genlmsghdr *)(sbuf + NLMSG_HDRLEN))->version =
		NETGRAPH_GENL_VERSION;
	transact(c, sbuf, (size_t)(p - sbuf), rbuf, NULL, NULL);
}

/*
 * Named hubs f<k> for the requests to aim at, hung off the worker's socket
 * node by hooks g<k>: for every k of this worker's share, or all of them.
 */
static void seed_graph(struct conn *c, uint8_t *sbuf, uint8_t *rbuf,
		       unsigned int worker, bool all)
{
	char path[32], hook[16], name[16], probe[16];
	unsigned int k;
	int r;

	gen_sock_name(worker, path, sizeof(path) - 1);
	strcat(path, ":");
	for (k = 0; k < 8; k++) {
		if (!all && k % o.threads != worker % o.threads)
			continue;
		snprintf(hook, sizeof(hook), "g%u", k);
		snprintf(name, sizeof(name), "f%u", k);
		/* nothing to do while f<k> is there with its k<k> */
		snprintf(probe, sizeof(probe), "f%u:k%u", k, k);
		if (!simple(c, sbuf, rbuf, NETGRAPH_CMD_GET_NODE, false, NULL,
			    NULL, 1, NETGRAPH_A_PATH, probe))
			continue;
		r = simple(c, sbuf, rbuf, NETGRAPH_CMD_MKPEER, false, NULL,
			   NULL, 4, NETGRAPH_A_PATH, path, NETGRAPH_A_TYPE,
			   "hub", NETGRAPH_A_OURHOOK, hook,
			   NETGRAPH_A_PEERHOOK, "up");
		if (r && r != EEXIST)
			continue;
		snprintf(path + strlen(path), 16, "%s", hook);
		simple(c, sbuf, rbuf, NETGRAPH_CMD_NAME, false, NULL, NULL, 2,
		       NETGRAPH_A_PATH, path, NETGRAPH_A_NAME, name);
		hub_persistent(c, sbuf, rbuf, path);
		/* and ksocket kK of kind K hanging off it by hook kK */
		snprintf(path, sizeof(path), "f%u:", k);
		snprintf(hook, sizeof(hook), "k%u", k);
		r = simple(c, sbuf, rbuf, NETGRAPH_CMD_MKPEER, false, NULL,
			   NULL, 4, NETGRAPH_A_PATH, path, NETGRAPH_A_TYPE,
			   "ksocket", NETGRAPH_A_OURHOOK, hook,
			   NETGRAPH_A_PEERHOOK, gen_ks_hook(k));
		if (!r || r == EEXIST) {
			strcat(path, hook);
			simple(c, sbuf, rbuf, NETGRAPH_CMD_NAME, false, NULL,
			       NULL, 2, NETGRAPH_A_PATH, path,
			       NETGRAPH_A_NAME, hook);
		}
		gen_sock_name(worker, path, sizeof(path) - 1);
		strcat(path, ":");
	}
}

/* Shut down every node the run made (keeps the graph small) */
static void sweep(struct conn *c, uint8_t *sbuf, uint8_t *rbuf)
{
	static __thread struct idlist now;
	char path[32];
	uint32_t i;

	now.n = 0;
	if (simple(c, sbuf, rbuf, NETGRAPH_CMD_GET_NODE, true, collect_id,
		   &now, 0))
		return;
	for (i = 0; i < now.n; i++) {
		if (in_list(&baseline, now.id[i]) || now.socket[i])
			continue;
		snprintf(path, sizeof(path), "[%x]:", now.id[i]);
		simple(c, sbuf, rbuf, NETGRAPH_CMD_SHUTDOWN, false, NULL, NULL,
		       1, NETGRAPH_A_PATH, path);
	}
}

static void hexdump(FILE *fp, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		fprintf(fp, "%02x%s", p[i], (i % 32 == 31 || i + 1 == len) ?
						    "\n" : "");
}

/* ------------------------------------------------------------ workers */

struct worker {
	pthread_t tid;
	unsigned int id;		/* global worker number */
	struct gen_ctx g;
	struct conn main, aux;
	struct req *rq;
	struct req *brq[BATCH_MAX];	/* -b: the batch (brq[0] is rq) */
	uint8_t *sbuf, *rbuf;
	uint64_t index;
	struct kcov kc;
	bool finished;
};

static int worker_connect(struct worker *w)
{
	char name[32];
	int r;

	r = conn_open(&w->main);
	if (r)
		return r;
	gen_sock_name(w->id, name, sizeof(name));
	/* the worker's socket node, "s<id>", which requests aim at */
	simple(&w->main, w->sbuf, w->rbuf, NETGRAPH_CMD_SOCK_NEW, false, NULL,
	       NULL, 1, NETGRAPH_A_NAME, name);
	seed_graph(&w->main, w->sbuf, w->rbuf, w->id, false);
	return 0;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/*
 * prof_add - count @n requests and @ns against the kind of request @what
 * describes: its first word, and the second for the words that name a
 * command or type.
 */
static void prof_add(const char *what, unsigned int n_req, uint64_t ns)
{
	static const char *const two[] = {
		"mkpeer", "msg", "ks", "dump", "odd", "random", "reconnect",
	};
	char key[sizeof(sh->prof[0].key)];
	/* the tool's own "(...)" kinds whole, else the first word */
	size_t n = what[0] == '(' ? strlen(what) : strcspn(what, " "), i;

	for (i = 0; i < sizeof(two) / sizeof(two[0]); i++)
		if (n == strlen(two[i]) && !strncmp(what, two[i], n)) {
			if (what[n] == ' ')
				n += 1 + strcspn(what + n + 1, " ");
			break;
		}
	if (n >= sizeof(key))
		n = sizeof(key) - 1;
	memcpy(key, what, n);
	key[n] = '\0';
	if (pthread_mutex_lock(&sh->prof_lock) == EOWNERDEAD)
		pthread_mutex_consistent(&sh->prof_lock);
	for (i = 0; i < PROF_KINDS; i++) {
		struct prof *p = &sh->prof[i];

		if (!p->key[0])
			memcpy(p->key, key, n + 1);
		else if (strcmp(p->key, key))
			continue;
		p->n += n_req;
		p->ns += ns;
		break;
	}
	pthread_mutex_unlock(&sh->prof_lock);
}

/* Run one request; returns the errno counted for it */
static int run_one(struct worker *w, uint64_t index)
{
	struct req *rq = w->rq;
	struct conn *c;
	uint64_t t0;
	size_t len;
	int e;

	/* the named hubs again, at fixed points of the stream (-r too) */
	if (index && index % SEED_EVERY == 0 && !o.dry) {
		t0 = now_ns();
		seed_graph(&w->main, w->sbuf, w->rbuf, w->id, false);
		prof_add("(graph-seeding)", 1, now_ns() - t0);
	}
	gen_request(&w->g, index, rq);
	if (rq->action == ACT_RECONNECT) {
		conn_close(&w->main);
		if (conn_open(&w->main))
			return ENOMEM;
	}
	c = rq->action == ACT_SEND_AUX ? &w->aux : &w->main;
	len = serialize(rq, c->seq++, w->sbuf);
	if (o.verbose) {
		pthread_mutex_lock(&out_lock);
		fprintf(stderr, "w%u i%" PRIu64 " cmd %u%s len %zu: %s\n",
			w->id, index, rq->cmd,
			rq->nlflags & NLM_F_DUMP ? " dump" : "", len, rq->what);
		if (o.verbose > 1)
			hexdump(stderr, w->sbuf, len);
		pthread_mutex_unlock(&out_lock);
	}
	if (o.dry)
		return 0;
	if (kmsg_fd >= 0)
		dprintf(kmsg_fd, "ngfuzz: seed %" PRIu64 " w%u i%" PRIu64 " %s\n",
			o.seed, w->id, index, rq->what);
	kcov_start(&w->kc);
	t0 = now_ns();
	e = transact(c, w->sbuf, len, w->rbuf, NULL, NULL);
	prof_add(rq->what, 1, now_ns() - t0);
	kcov_collect(&w->kc);
	if (e < 0) {
		/* no answer in time: start over on fresh sockets */
		if (c->overflowed)
			warnx("seed %" PRIu64 " worker %u request %" PRIu64
			      " (%s): no answer %us after its socket's "
			      "receive buffer overflowed", o.seed, w->id,
			      index, rq->what, OVERFLOW_WAIT);
		else
			warnx("seed %" PRIu64 " worker %u request %" PRIu64
			      " (%s): no answer in %us", o.seed, w->id, index,
			      rq->what, o.timeout);
		conn_close(&w->aux);
		conn_close(&w->main);
		if (worker_connect(w) || conn_open(&w->aux))
			return ENOMEM;
	}
	if (o.verbose) {
		char b[16];

		pthread_mutex_lock(&out_lock);
		fprintf(stderr, "w%u i%" PRIu64 " -> %s\n", w->id, index,
			err_name(e < 0 ? ERR_TIMEOUT :
					 (e < ERR_TIMEOUT ? e : ERR_OTHER),
				 b, sizeof(b)));
		pthread_mutex_unlock(&out_lock);
	}
	return e;
}

/* Claim the next request of the run's -N; false: none left */
static bool claim(void)
{
	return __atomic_fetch_add(&sh->claimed, 1, __ATOMIC_RELAXED) <
	       o.requests;
}

/* Request w->index alone; returns 1, or 0 when -N is reached */
static unsigned int run_single(struct worker *w)
{
	if (!claim())
		return 0;
	count_err(run_one(w, w->index));
	__atomic_fetch_add(&sh->done, 1, __ATOMIC_RELAXED);
	return 1;
}

/*
 * The answers to the @n requests of sequence numbers @seq0.. sent at once:
 * @res[i] is request i's errno (0: ACK or DONE) or -ETIMEDOUT when none
 * came in time.
 */
static void batch_wait(struct conn *c, uint32_t seq0, unsigned int n,
		       uint8_t *rbuf, int *res)
{
	unsigned int left = n, i;

	for (i = 0; i < n; i++)
		res[i] = -ETIMEDOUT;
	c->overflowed = false;
	while (left) {
		ssize_t got = recv(c->fd, rbuf, RBUF_SIZE, 0);
		struct nlmsghdr *nlh;
		size_t len;

		if (got < 0) {
			if (errno == ENOBUFS && !c->overflowed) {
				c->overflowed = true;
				set_answer_wait(c, OVERFLOW_WAIT);
			}
			if (errno == EINTR || errno == ENOBUFS)
				continue;
			break;	/* timed out: the rest stay -ETIMEDOUT */
		}
		len = (size_t)got;
		for (nlh = (struct nlmsghdr *)rbuf; NLMSG_OK(nlh, len);
		     nlh = NLMSG_NEXT(nlh, len)) {
			uint32_t k = nlh->nlmsg_seq - seq0;
			int e = 0;

			if (k >= n || res[k] != -ETIMEDOUT)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *m = NLMSG_DATA(nlh);

				e = nlh->nlmsg_len < NLMSG_LENGTH(sizeof(int)) ?
					    EPROTO : m->error;
			} else if (nlh->nlmsg_type == NLMSG_DONE) {
				if (nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(int)))
					memcpy(&e, NLMSG_DATA(nlh), sizeof(e));
			} else {
				continue;	/* a dump's data */
			}
			res[k] = e < 0 ? -e : e;
			left--;
		}
	}
	if (c->overflowed)
		set_answer_wait(c, answer_timeout);
}

/*
 * run_batch - requests w->index.. of worker @w, up to -b of them, in one
 * sendmsg(): the kernel handles the messages of one send in order, each
 * as if sent alone, and the system calls and the request skb are paid
 * once (on the debug kernel under TCG, 8 a send make 23 % more requests a
 * second as root, 49 % more in user namespaces).  A request that reconnects or uses the second socket, and the graph's
 * re-seeding points, run alone.  Returns how many requests ran (0: -N is
 * reached).
 */
static unsigned int run_batch(struct worker *w)
{
	uint32_t seq0 = w->main.seq;
	int res[BATCH_MAX];
	uint64_t t0;
	unsigned int n, i;
	size_t off = 0, len;

	/* each request starts below BATCH_BYTES: sbuf holds one more */
	for (n = 0; n < o.batch && off < BATCH_BYTES; n++) {
		uint64_t idx = w->index + n;
		struct req *rq = w->brq[n];

		if (n && idx % SEED_EVERY == 0)
			break;
		/* generated before it is claimed: a claim is never given back */
		gen_request(&w->g, idx, rq);
		if (rq->action != ACT_SEND || (!n && idx % SEED_EVERY == 0)) {
			if (n)
				break;
			return run_single(w);
		}
		len = serialize(rq, w->main.seq, w->sbuf + off);
		/* a large request goes in the next send, alone if need be */
		if (n && off + len > BATCH_BYTES)
			break;
		if (!claim())
			break;
		w->main.seq++;
		/* the kernel finds the next message at NLMSG_ALIGN(len) */
		memset(w->sbuf + off + len, 0, NLMSG_ALIGN(len) - len);
		off += NLMSG_ALIGN(len);
	}
	if (!n)
		return 0;
	kcov_start(&w->kc);
	t0 = now_ns();
	errno = 0;
	if (nl_sendto(w->main.sk, w->sbuf, off) < 0) {
		for (i = 0; i < n; i++)
			res[i] = errno ? errno : EIO;
	} else {
		batch_wait(&w->main, seq0, n, w->rbuf, res);
	}
	/* the kinds in a batch share its time: -b 1 times each alone */
	prof_add("(batched requests)", n, now_ns() - t0);
	kcov_collect(&w->kc);
	for (i = 0; i < n; i++)
		count_err(res[i]);
	__atomic_fetch_add(&sh->done, n, __ATOMIC_RELAXED);
	for (i = 0; i < n && res[i] != -ETIMEDOUT; i++)
		;
	if (i < n) {
		/* no answer in time: start over on fresh sockets */
		warnx("seed %" PRIu64 " worker %u request %" PRIu64
		      " (%s, in a batch of %u): no answer in %us%s", o.seed,
		      w->id, w->index + i, w->brq[i]->what, n,
		      w->main.overflowed ? OVERFLOW_WAIT : o.timeout,
		      w->main.overflowed ?
			      " after its socket's receive buffer overflowed" :
			      "");
		conn_close(&w->aux);
		conn_close(&w->main);
		if (worker_connect(w) || conn_open(&w->aux))
			warnx("worker %u: cannot reopen its sockets: %s",
			      w->id, strerror(errno));
	}
	return n;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	bool sweeper = w->id % o.threads == 0;
	uint64_t mine = 0;

	if (!o.dry && (worker_connect(w) || conn_open(&w->aux))) {
		warnx("worker %u: cannot open a netlink socket: %s", w->id,
		      strerror(errno));
		__atomic_store_n(&sh->broken, 1, __ATOMIC_RELAXED);
		goto out;
	}
	if (o.kcov_dir && !o.dry) {
		int r = kcov_open(&w->kc);

		if (r)
			warnx("worker %u: no KCOV: %s", w->id, strerror(-r));
	}
	while (!__atomic_load_n(&sh->stop, __ATOMIC_RELAXED)) {
		unsigned int n;

		if (elapsed() >= o.seconds)
			break;
		n = o.batch > 1 && !o.dry ? run_batch(w) : run_single(w);
		if (!n)
			break;
		w->index += n;
		mine += n;
		if (sweeper && mine >= SWEEP_EVERY && !o.dry) {
			uint64_t t0 = now_ns();

			mine = 0;
			sweep(&w->main, w->sbuf, w->rbuf);
			seed_graph(&w->main, w->sbuf, w->rbuf, w->id, true);
			prof_add("(sweep)", 1, now_ns() - t0);
		}
	}
out:
	kcov_close(&w->kc);
	conn_close(&w->aux);
	conn_close(&w->main);
	__atomic_store_n(&w->finished, true, __ATOMIC_RELEASE);
	return NULL;
}

static struct worker *worker_new(unsigned int id)
{
	struct worker *w = calloc(1, sizeof(*w));
	unsigned int i;

	if (!w)
		die("out of memory");
	w->id = id;
	w->kc.fd = -1;
	w->g.seed = o.seed;
	w->g.worker = id;
	w->g.nworkers = o.threads;
	w->g.port_base = o.port_base;
	w->g.avoid_known = o.avoid_known;
	w->rq = malloc(sizeof(*w->rq));
	w->brq[0] = w->rq;
	for (i = 1; i < o.batch; i++) {
		w->brq[i] = malloc(sizeof(*w->rq));
		if (!w->brq[i])
			die("out of memory");
	}
	w->sbuf = malloc(SBUF_SIZE + (o.batch > 1 ? BATCH_BYTES : 0));
	w->rbuf = malloc(RBUF_SIZE);
	if (!w->rq || !w->sbuf || !w->rbuf)
		die("out of memory");
	return w;
}

static void worker_free(struct worker *w)
{
	unsigned int i;

	for (i = 1; i < BATCH_MAX; i++)
		free(w->brq[i]);
	free(w->rq);
	free(w->sbuf);
	free(w->rbuf);
	free(w);
}

static void take_baseline(void)
{
	struct conn c = { 0 };
	uint8_t *sbuf = malloc(SBUF_SIZE), *rbuf = malloc(RBUF_SIZE);

	baseline.n = 0;
	if (!sbuf || !rbuf || conn_open(&c))
		die("cannot open a netlink socket");
	simple(&c, sbuf, rbuf, NETGRAPH_CMD_GET_NODE, true, collect_id,
	       &baseline, 0);
	conn_close(&c);
	free(sbuf);
	free(rbuf);
}

static void final_sweep(void)
{
	struct conn c = { 0 };
	uint8_t *sbuf = malloc(SBUF_SIZE), *rbuf = malloc(RBUF_SIZE);
	char path[128];
	unsigned int m;

	if (sbuf && rbuf && !conn_open(&c)) {
		sweep(&c, sbuf, rbuf);
		conn_close(&c);
	}
	free(sbuf);
	free(rbuf);
	for (m = 0; m < 8; m++) {
		snprintf(path, sizeof(path), "/tmp/ngfuzz.%u.%u", o.port_base,
			 m);
		unlink(path);
	}
}

/*
 * Run o.threads workers numbered from first in this process's netns and
 * wait for them, at most until the time bound plus a grace period.
 */
static void run_workers(unsigned int first, bool cleanup)
{
	struct worker **ws = calloc(o.threads, sizeof(*ws));
	double grace = o.seconds + 2.0 * o.timeout + 30;
	unsigned int i, left;

	if (!ws)
		die("out of memory");
	if (!o.dry)
		take_baseline();
	for (i = 0; i < o.threads; i++) {
		ws[i] = worker_new(first + i);
		if (pthread_create(&ws[i]->tid, NULL, worker_main, ws[i]))
			die("cannot start a thread");
	}
	for (;;) {
		left = 0;
		for (i = 0; i < o.threads; i++)
			if (!__atomic_load_n(&ws[i]->finished,
					     __ATOMIC_ACQUIRE))
				left++;
		if (!left || elapsed() > grace)
			break;
		usleep(20000);
	}
	if (left) {
		/* stuck in the kernel: a finding, reported by the caller */
		__atomic_fetch_add(&sh->stuck, left, __ATOMIC_RELAXED);
		warnx("%u worker(s) still in the kernel %.0fs after the time bound",
		      left, grace - o.seconds);
		return;
	}
	for (i = 0; i < o.threads; i++) {
		pthread_join(ws[i]->tid, NULL);
		worker_free(ws[i]);
	}
	free(ws);
	if (cleanup && !o.dry)
		final_sweep();
}

/* ------------------------------------------------------------ namespaces */

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -EIO;
}

static int lo_up(void)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int r = 0;

	if (fd < 0)
		return -errno;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) {
		r = -errno;
	} else {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
			r = -errno;
	}
	close(fd);
	return r;
}

/*
 * -u: become uid/gid 65534 (when root), then the admin of a new user and
 * network namespace.  Returns 0, or 4 when user namespaces are refused.
 */
static int become_userns_admin(void)
{
	char map[64];
	uid_t uid;
	gid_t gid;

	if (geteuid() == 0) {
		if (setgroups(0, NULL) || setgid(65534) || setuid(65534)) {
			warnx("cannot become uid 65534: %s", strerror(errno));
			return 1;
		}
	}
	uid = getuid();
	gid = getgid();
	/* setuid cleared "dumpable", which makes /proc/self root's */
	prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET)) {
		warnx("unshare(CLONE_NEWUSER|CLONE_NEWNET) as uid %u: %s",
		      uid, strerror(errno));
		return 4;
	}
	snprintf(map, sizeof(map), "0 %u 1", uid);
	if (write_file("/proc/self/uid_map", map)) {
		warnx("cannot write uid_map: %s", strerror(errno));
		return 1;
	}
	(void)write_file("/proc/self/setgroups", "deny");
	snprintf(map, sizeof(map), "0 %u 1", gid);
	if (write_file("/proc/self/gid_map", map)) {
		warnx("cannot write gid_map: %s", strerror(errno));
		return 1;
	}
	return 0;
}

/* A child process: its own namespaces, then o.threads workers */
static int child(unsigned int idx)
{
	int r;

	if (o.unpriv) {
		/* KCOV is root's (debugfs): open what the threads need now */
		if (o.kcov_dir && kcov_pool_fill(o.threads))
			warnx("no KCOV for the userns workers: %s",
			      strerror(errno));
		r = become_userns_admin();
		if (r)
			return r;
	} else if (unshare(CLONE_NEWNET)) {
		warnx("unshare(CLONE_NEWNET): %s", strerror(errno));
		return 1;
	}
	r = lo_up();
	if (r)
		warnx("cannot bring lo up: %s", strerror(-r));
	run_workers(idx * o.threads, false);
	return 0;
}

static int run_children(unsigned int n)
{
	pid_t *pids = calloc(n, sizeof(*pids));
	double grace = o.seconds + 2.0 * o.timeout + 60;
	unsigned int i, left;
	int rc = 0, status;

	if (!pids)
		die("out of memory");
	for (i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			die("fork: %s", strerror(errno));
		if (pids[i] == 0) {
			fflush(stdout);
			_exit(child(i));
		}
	}
	for (;;) {
		left = 0;
		for (i = 0; i < n; i++) {
			if (!pids[i])
				continue;
			if (waitpid(pids[i], &status, WNOHANG) == pids[i]) {
				pids[i] = 0;
				if (WIFEXITED(status) && WEXITSTATUS(status)) {
					if (WEXITSTATUS(status) == 4 && !rc)
						rc = 4;
					else if (WEXITSTATUS(status) != 4)
						rc = 1;
				} else if (!WIFEXITED(status)) {
					warnx("worker process %u died (signal %d)",
					      i, WTERMSIG(status));
					rc = 1;
				}
				continue;
			}
			left++;
		}
		if (!left)
			break;
		if (elapsed() > grace) {
			warnx("%u worker process(es) did not exit", left);
			__atomic_fetch_add(&sh->stuck, left, __ATOMIC_RELAXED);
			break;
		}
		usleep(50000);
	}
	free(pids);
	return rc;
}

/* ------------------------------------------------------------ replay */

static int replay(void)
{
	struct worker *w = worker_new(o.replay_worker);
	uint64_t i;
	int e;

	if (!o.dry && (worker_connect(w) || conn_open(&w->aux)))
		die("cannot open a netlink socket");
	for (i = o.replay_from; i <= o.replay_to; i++) {
		e = run_one(w, i);
		count_err(e);
		sh->done++;
		if (!o.verbose) {
			char b[16];

			printf("w%u i%" PRIu64 ": %s -> %s\n", w->id, i,
			       w->rq->what,
			       err_name(e < 0 ? ERR_TIMEOUT :
						(e < ERR_TIMEOUT ? e : ERR_OTHER),
					b, sizeof(b)));
		}
	}
	conn_close(&w->aux);
	conn_close(&w->main);
	worker_free(w);
	return 0;
}

/* ------------------------------------------------------------ main */

static int prof_cmp(const void *a, const void *b)
{
	const struct prof *x = a, *y = b;

	return x->ns < y->ns ? 1 : x->ns > y->ns ? -1 : 0;
}

/*
 * prof_summary - the kinds of request that took the workers' time, the
 * slowest first: where a slow kernel spends a fuzzing run.
 */
static void prof_summary(void)
{
	uint64_t all = 0;
	int i;

	qsort(sh->prof, PROF_KINDS, sizeof(sh->prof[0]), prof_cmp);
	for (i = 0; i < PROF_KINDS; i++)
		all += sh->prof[i].ns;
	for (i = 0; i < PROF_SHOWN && i < PROF_KINDS && sh->prof[i].n; i++)
		printf("ngfuzz: time: %-24s %7" PRIu64 " x %8.2f ms = %6.1f s"
		       " (%4.1f%%)\n", sh->prof[i].key, sh->prof[i].n,
		       sh->prof[i].ns / 1e6 / sh->prof[i].n,
		       sh->prof[i].ns / 1e9, all ? 100.0 * sh->prof[i].ns / all : 0);
}

static void summary(void)
{
	bool first = true;
	char b[16];
	int i;

	printf("ngfuzz: seed %" PRIu64 " requests %" PRIu64
	       " errors-by-errno {", o.seed, sh->done);
	for (i = 0; i < ERR_SLOTS; i++) {
		if (!sh->errs[i])
			continue;
		printf("%s%s:%" PRIu64, first ? "" : ",",
		       err_name(i, b, sizeof(b)), sh->errs[i]);
		first = false;
	}
	printf("} elapsed %.1f rate %.0f/s stop %s%s", elapsed(),
	       sh->done / (elapsed() > 0 ? elapsed() : 1),
	       o.replay ? "replay" :
	       sh->done >= o.requests ? "count" : "time",
	       o.unpriv ? " mode userns" : (o.netns ? " mode netns" : ""));
	if (sh->stuck)
		printf(" stuck %" PRIu64, sh->stuck);
	printf("\n");
	prof_summary();
	fflush(stdout);
}

static void usage(int rc)
{
	fprintf(rc ? stderr : stdout,
		"usage: ngfuzz [-s SEED] [-N REQUESTS] [-t SECONDS] [-j THREADS] [-b BATCH]\n"
		"              [-n NETNS] [-u] [-A] [-K] [-P PORT] [-T SECS] [-C DIR] [-D] [-v[v]]\n"
		"       ngfuzz -s SEED -r FIRST[-LAST] [-w WORKER] [-j THREADS] [-v[v]]\n"
		"       ngfuzz -F [-t SECONDS] [-M MAXN] [-o OPERATION]\n"
		"  -s SEED      PRNG seed (default 1)\n"
		"  -N REQUESTS  stop after this many requests (default 100000)\n"
		"  -t SECONDS   stop after this long (default 3600)\n"
		"  -j THREADS   workers per network namespace (default 4)\n"
		"  -b BATCH     requests per send (default 8, at most 32; 1 with -v, -r, -K)\n"
		"  -n NETNS     run in NETNS new network namespaces (processes)\n"
		"  -u           as uid 65534 in new user+network namespaces\n"
		"  -A           avoid the known kernel bugs (see README.md)\n"
		"  -K           mark every request in /dev/kmsg\n"
		"  -P PORT      first of the 8 127.0.0.1 ports (default 30000)\n"
		"  -T SECS      answer timeout per request (default 15)\n"
		"  -r A[-B]     replay requests A..B of worker -w (default 0)\n"
		"  -v           each request and its errno on stderr; -vv: hex\n"
		"  -D           dry run: generate (and with -v print), never send\n"
		"  -C DIR       KCOV: report the share of the modules (DIR/*.ko) reached\n"
		"  -F           fail-nth sweep of every control operation (failnth.c)\n"
		"  -M MAXN      -F: give up on an operation past MAXN allocations (300)\n"
		"  -o TEXT      -F: only the operations whose name contains TEXT\n");
	exit(rc);
}

static uint64_t num(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || *end)
		usage(2);
	return v;
}

int main(int argc, char **argv)
{
	int c, rc = 0;
	char *dash;

	while ((c = getopt(argc, argv, "s:N:t:j:n:uAKP:T:b:r:w:vDFM:o:C:h")) != -1) {
		switch (c) {
		case 's': o.seed = num(optarg); break;
		case 'N': o.requests = num(optarg); break;
		case 't': o.seconds = (double)num(optarg); break;
		case 'j': o.threads = (unsigned int)num(optarg); break;
		case 'n': o.netns = (unsigned int)num(optarg); break;
		case 'u': o.unpriv = true; break;
		case 'A': o.avoid_known = true; break;
		case 'K': o.kmsg = true; break;
		case 'P': o.port_base = (unsigned int)num(optarg); break;
		case 'T': o.timeout = (unsigned int)num(optarg); break;
		case 'b': o.batch = (unsigned int)num(optarg); break;
		case 'r':
			o.replay = true;
			dash = strchr(optarg, '-');
			if (dash) {
				*dash = '\0';
				o.replay_to = num(dash + 1);
			}
			o.replay_from = num(optarg);
			if (!dash)
				o.replay_to = o.replay_from;
			break;
		case 'w': o.replay_worker = (unsigned int)num(optarg); break;
		case 'v': o.verbose++; break;
		case 'D': o.dry = true; break;
		case 'F': o.failnth = true; break;
		case 'M': o.failnth_max = (unsigned int)num(optarg); break;
		case 'o': o.failnth_only = optarg; break;
		case 'C': o.kcov_dir = optarg; break;
		case 'h': usage(0); break;
		default: usage(2);
		}
	}
	if (optind != argc || !o.threads || o.threads > 64 ||
	    o.netns > 64 || o.port_base > 65000 || !o.timeout ||
	    o.replay_to < o.replay_from || !o.batch || o.batch > BATCH_MAX)
		usage(2);
	/* one request a send where each must be seen or timed on its own */
	if (o.verbose || o.replay || o.kmsg)
		o.batch = 1;
	answer_timeout = o.timeout;
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	clock_gettime(CLOCK_MONOTONIC, &t_start);

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		die("mmap: %s", strerror(errno));
	{
		pthread_mutexattr_t ma;

		pthread_mutexattr_init(&ma);
		pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
		/* a -n child killed while holding it must not stop the rest */
		pthread_mutexattr_setrobust(&ma, PTHREAD_MUTEX_ROBUST);
		pthread_mutex_init(&sh->prof_lock, &ma);
		pthread_mutexattr_destroy(&ma);
	}
	family_id = o.dry ? 0x7fff : resolve_family();
	if (family_id < 0)
		die("no generic-netlink family \"%s\" (is netgraph loaded?)",
		    NETGRAPH_GENL_NAME);
	if (o.kmsg) {
		kmsg_fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
		if (kmsg_fd < 0)
			warnx("/dev/kmsg: %s", strerror(errno));
	}

	if (o.kcov_dir && kcov_global_init())
		die("out of memory");
	if (o.failnth)
		return failnth_sweep(o.failnth_only, o.failnth_max, o.seconds);
	if (o.replay) {
		if (!o.dry)
			take_baseline();
		rc = replay();
	} else if (o.unpriv || o.netns) {
		rc = run_children(o.netns ? o.netns : 1);
	} else {
		run_workers(0, true);
	}
	if (rc == 4) {
		fprintf(stderr, "ngfuzz: this mode cannot run here\n");
		return 4;
	}
	summary();
	if (o.kcov_dir && !o.dry && !kcov_report(o.kcov_dir))
		warnx("KCOV measured nothing (CONFIG_KCOV? modules built with KCOV_INSTRUMENT?)");
	if (__atomic_load_n(&sh->broken, __ATOMIC_RELAXED))
		rc = 1;
	fflush(stdout);
	if (sh->stuck)
		_exit(rc);	/* threads in the kernel: do not wait for them */
	return rc;
}
