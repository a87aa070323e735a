// SPDX-License-Identifier: GPL-2.0
/*
 * ngfuzz: request generation.
 *
 * Every request comes from a PRNG seeded with (seed, worker, index) and
 * nothing else, so a request can be regenerated without the run that
 * first sent it.  Requests are built as a list of attributes first and
 * serialized later, so that mutations can drop, duplicate, retype or
 * resize attributes freely.
 *
 * Names shared by all workers of a network namespace: "f0".."f7" (nodes
 * made by mkpeer and named), "k0".."k7" (ksocket nodes), "s<worker>"
 * (each worker's own socket node).  ksocket addresses are always
 * 127.0.0.0/8, ::1 or AF_UNIX names under /tmp or the abstract namespace.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <linux/netlink.h>
#include <netgraph.h>
#include <netgraph_genl.h>
#include <ng_bridge.h>
#include <ng_echo.h>
#include <ng_hole.h>
#include <ng_cisco.h>
#include <ng_eiface.h>
#include <ng_ether.h>
#include <ng_hub.h>
#include <ng_iface.h>
#include <ng_ksocket.h>
#include <ng_one2many.h>
#include <ng_socket.h>
#include <ng_tee.h>
#include <ng_vlan.h>

#include "ngfuzz.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define NNAMES		8

/* ------------------------------------------------------------ PRNG */

uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t seed, uint64_t worker, uint64_t index)
{
	uint64_t x = seed;

	x = splitmix64(&x) ^ (worker * 0xd1b54a32d192ed03ULL);
	x = splitmix64(&x) ^ (index * 0x8cb92ba72f3d8dd7ULL);
	r->s = splitmix64(&x);
	if (!r->s)
		r->s = 0x2545f4914f6cdd1dULL;
}

/* xorshift64* */
uint64_t rng_next(struct rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545f4914f6cdd1dULL;
}

uint32_t rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

bool rng_pct(struct rng *r, unsigned int pct)
{
	return rng_below(r, 100) < pct;
}

void rng_bytes(struct rng *r, void *buf, size_t len)
{
	uint8_t *p = buf;
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (!(i & 7))
			v = rng_next(r);
		p[i] = (uint8_t)v;
		v >>= 8;
	}
}

#define PICK(r, arr)	((arr)[rng_below((r), ARRAY_SIZE(arr))])

/* ------------------------------------------------------------ building */

static uint8_t *palloc(struct req *rq, size_t len)
{
	uint8_t *p;

	if (rq->used + len > sizeof(rq->pool))
		return NULL;
	p = rq->pool + rq->used;
	rq->used += (len + 3) & ~(size_t)3;
	if (rq->used > sizeof(rq->pool))
		rq->used = sizeof(rq->pool);
	return p;
}

static struct req_attr *add_attr(struct req *rq, uint16_t type,
				 const void *data, size_t len)
{
	struct req_attr *a;
	uint8_t *p;

	if (rq->nattrs >= REQ_MAX_ATTRS)
		return NULL;
	if (len > REQ_MAX_PAYLOAD)
		len = REQ_MAX_PAYLOAD;
	p = palloc(rq, len);
	if (!p)
		return NULL;
	if (data)
		memcpy(p, data, len);
	else
		memset(p, 0, len);
	a = &rq->a[rq->nattrs++];
	a->type = type;
	a->len = (uint32_t)len;
	a->data = p;
	return a;
}

static void add_str(struct req *rq, uint16_t type, const char *s)
{
	add_attr(rq, type, s, strlen(s) + 1);
}

static void add_u32(struct req *rq, uint16_t type, uint32_t v)
{
	add_attr(rq, type, &v, sizeof(v));
}

static void what(struct req *rq, const char *fmt, const char *s)
{
	char *p;

	snprintf(rq->what, sizeof(rq->what), fmt, s);
	for (p = rq->what; *p; p++)
		if (*p < 0x20 || *p > 0x7e)
			*p = '?';
}

/* Copy a string, cut to fit; always NUL-terminated */
static void scpy(char *d, size_t n, const char *s)
{
	size_t l = strlen(s);

	if (l > n - 1)
		l = n - 1;
	memcpy(d, s, l);
	d[l] = '\0';
}

/* ------------------------------------------------------------ names */

void gen_sock_name(unsigned int worker, char *buf, size_t len)
{
	snprintf(buf, len, "s%u", worker);
}

static const char *const hooks[] = {
	"a", "b", "c", "x", "y", "h0", "h1", "h2", "h3", "k0", "k1",
	"left", "right", "left2right", "right2left", "one", "many0",
	"many1", "many2", "many63", "many64", "many-1", "in", "out", "any",
	"data", "ctl", "inet/dgram/udp", "inet/stream/tcp", "local/dgram/0",
	"inet", "inet6", "ether", "link0", "link1", "link2", "uplink1",
	"uplink0", "link4294967295", "link01", "downstream", "nomatch", "v10",
	"lower", "upper", "orphans", "divert",
};

static const char *const types[] = {
	"hub", "hub", "hub", "tee", "tee", "one2many", "echo", "hole",
	"hole", "ksocket", "socket", "iface", "eiface", "bridge", "bridge", "vlan",
	"vlan", "ether",
};

/* names no type may have: refused before any lookup */
static const char *const bad_types[] = {
	"", "hub ", "../hub", "hub\x01", "ksocket/", "tee:",
};

/*
 * Well-formed names of no type: each makes the kernel try to load module
 * netgraph-type-<name> (a modprobe run, 20-70 ms under TCG), so rarer.
 */
static const char *const unknown_types[] = {
	"nope", "HUB", "ng_hub", "netgraph", "kunit",
};

/* The eight ksocket nodes' hooks, one per kN; N picks the kind. */
static const char *const ks_hooks[NNAMES] = {
	"inet/dgram/udp", "inet/stream/tcp", "inet/dgram/udp",
	"inet/stream/tcp", "inet6/dgram/udp", "inet6/stream/tcp",
	"local/dgram/0", "local/stream/0",
};

const char *gen_ks_hook(unsigned int m)
{
	return ks_hooks[m % NNAMES];
}

static const char *const ks_odd_hooks[] = {
	"inet/raw/icmp", "inet6/raw/icmp6", "inet/dgram/0", "inet/stream/0",
	"2/2/17", "2/1/6", "10/2/17", "1/2/0", "1/1/0", "1/5/0",
	"local/seqpacket/0", "unix/dgram/0", "inet/seqpacket/0",
	"inet/rdm/0", "inet/raw/gre", "inet/raw/pim", "inet6/dgram/tcp",
	"inet", "inet/", "inet//", "//", "/dgram/udp", "inet/dgram/udp/x",
	"inet/dgram/udpx", "inet/99/udp", "inet/dgram/-1", "inet/dgram/256",
	"inet/dgram/99999999999", "x/y/z", "inet6/stream/swipe",
};

static void rand_printable(struct rng *r, char *buf, size_t len)
{
	static const char cs[] =
		"abcdefghijklmnopqrstuvwxyz0123456789:.[]/-_ AZ{}\"=";
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = cs[rng_below(r, sizeof(cs) - 1)];
	buf[len] = '\0';
}

static void rand_nonnul(struct rng *r, char *buf, size_t len)
{
	size_t i;

	rng_bytes(r, buf, len);
	for (i = 0; i < len; i++)
		if (!buf[i])
			buf[i] = (char)(1 + rng_below(r, 255));
	buf[len] = '\0';
}

/* A hook name of the ksocket kind, mostly well formed */
static void gen_kshook(struct rng *r, const struct gen_ctx *g, char *buf,
		       size_t len)
{
	unsigned int k = rng_below(r, 100);

	if (k < 60) {
		snprintf(buf, len, "%s", PICK(r, ks_hooks));
	} else if (k < 85) {
		const char *h = PICK(r, ks_odd_hooks);

		/* numeric families other than 1/2/10 oops on send (known) */
		if (g->avoid_known && h[0] >= '0' && h[0] <= '9' &&
		    strncmp(h, "1/", 2) && strncmp(h, "2/", 2) &&
		    strncmp(h, "10/", 3))
			h = "inet/dgram/udp";
		snprintf(buf, len, "%s", h);
	} else {
		static const unsigned int fams[] = {
			0, 1, 2, 3, 4, 5, 9, 10, 15, 16, 21, 30, 38, 40, 44,
			45, 46, 255,
		};
		unsigned int f = PICK(r, fams);

		/* never AF_PACKET (17): frames must stay inside the guest */
		if (g->avoid_known && f != 1 && f != 2 && f != 10)
			f = 2;
		/* never SOCK_PACKET (10) either: a packet socket in disguise */
		snprintf(buf, len, "%u/%u/%u", f, rng_below(r, 10),
			 rng_pct(r, 70) ? rng_below(r, 20) : rng_below(r, 300));
	}
}

static void gen_hook(struct rng *r, char *buf, size_t len)
{
	unsigned int k = rng_below(r, 100);

	if (k < 75) {
		snprintf(buf, len, "%s", PICK(r, hooks));
	} else if (k < 80) {
		buf[0] = '\0';
	} else if (k < 88) {
		static const size_t longs[] = { 30, 31, 32, 33, 64, 600 };
		size_t n = PICK(r, longs);

		if (n >= len)
			n = len - 1;
		memset(buf, 'h', n);
		buf[n] = '\0';
	} else if (k < 94) {
		static const char *const odd[] = {
			"a.b", "a:b", ".", ":", "[1]", "a b", "many", "many00",
			"many+1", "many0x1", "many99999999999",
		};
		snprintf(buf, len, "%s", PICK(r, odd));
	} else if (k < 97) {
		rand_printable(r, buf, 1 + rng_below(r, 40 < len ? 40 : len - 1));
	} else {
		rand_nonnul(r, buf, 1 + rng_below(r, 40 < len ? 40 : len - 1));
	}
}

static void gen_type(struct rng *r, char *buf, size_t len)
{
	unsigned int k = rng_below(r, 100);

	if (k < 86)
		snprintf(buf, len, "%s", PICK(r, types));
	else if (k < 94)
		snprintf(buf, len, "%s", PICK(r, bad_types));
	else if (k < 97) {
		/* one too long, or (now and then) the longest possible */
		size_t n = rng_pct(r, 85) ? 32 : 31;

		memset(buf, 't', n);
		buf[n] = '\0';
	} else if (k < 98) {
		snprintf(buf, len, "%s", PICK(r, unknown_types));
	} else {
		rand_printable(r, buf, 1 + rng_below(r, 20));
	}
}

/* A node name: a shared one, a worker's socket node, or something odd */
static void gen_name(struct rng *r, const struct gen_ctx *g, char *buf,
		     size_t len)
{
	unsigned int k = rng_below(r, 100);

	if (k < 55)
		snprintf(buf, len, "f%u", rng_below(r, NNAMES));
	else if (k < 75)
		snprintf(buf, len, "k%u", rng_below(r, NNAMES));
	else if (k < 85)
		gen_sock_name(g->worker - g->worker % g->nworkers +
			      rng_below(r, g->nworkers), buf, len);
	else if (k < 92) {
		static const char *const odd[] = {
			"", "1", "[1]", "a.b", "a:b", "f1 ", "f\xff", "0x1",
			"abcdefghijklmnopqrstuvwxyz01234",
			"abcdefghijklmnopqrstuvwxyz012345",
		};
		snprintf(buf, len, "%s", PICK(r, odd));
	} else {
		rand_printable(r, buf, 1 + rng_below(r, 36));
	}
}

#define PATHBUF	2200

/* An address: mostly plausible, sometimes malformed or long */
static void gen_path(struct rng *r, const struct gen_ctx *g, char *buf)
{
	unsigned int k = rng_below(r, 100);
	char name[64], h1[64], h2[64];
	size_t n;

	gen_name(r, g, name, sizeof(name));
	if (k < 40) {
		snprintf(buf, PATHBUF, "%s:", name);
	} else if (k < 58) {
		gen_hook(r, h1, sizeof(h1));
		if (rng_pct(r, 60)) {
			snprintf(buf, PATHBUF, "%s:%s", name, h1);
		} else {
			gen_hook(r, h2, sizeof(h2));
			snprintf(buf, PATHBUF, "%s:%s.%s%s", name, h1, h2,
				 rng_pct(r, 30) ? ".a" : "");
		}
	} else if (k < 68) {
		snprintf(buf, PATHBUF, "[%x]:", 1 + rng_below(r, 300));
	} else if (k < 72) {
		snprintf(buf, PATHBUF, "[%x]:%s", (uint32_t)rng_next(r),
			 rng_pct(r, 50) ? "a" : "");
	} else if (k < 80) {
		static const char *const odd[] = {
			".", "", ":", "::", "[]:", "[1]:x.:", "f1:.", "a.b",
			"[-1]:", "[1g]:", "[0]:", "[ffffffff]:", "[100000000]:",
			"f1::", "f1:a:", "f1:..", "f1:a..b", ".:", "[1]", "a",
			"[1]:.", "f1:a.", ":a",
		};
		snprintf(buf, PATHBUF, "%s", PICK(r, odd));
	} else if (k < 86) {
		static const size_t longs[] = { 31, 32, 33, 510, 511, 512,
						513, 1000, 2100 };
		n = PICK(r, longs);
		memset(buf, 'n', n);
		buf[n] = ':';
		buf[n + 1] = '\0';
		if (n + 1 >= PATHBUF)
			buf[PATHBUF - 1] = '\0';
	} else if (k < 91) {
		rand_printable(r, buf, 1 + rng_below(r, 80));
	} else if (k < 95) {
		rand_nonnul(r, buf, 1 + rng_below(r, 80));
	} else {
		/* a hook chain up to and past NG_PATHSIZ */
		size_t want = 400 + rng_below(r, 200);

		n = (size_t)snprintf(buf, PATHBUF, "%s:", name);
		while (n + 3 < want && n + 3 < PATHBUF) {
			buf[n++] = (char)('a' + rng_below(r, 3));
			buf[n++] = '.';
		}
		buf[n ? n - 1 : 0] = '\0';
	}
}

/* A path that names a node of a type's command's natural target */
static void gen_target(struct rng *r, const struct gen_ctx *g,
		       uint32_t cookie, char *buf)
{
	char h[64];

	if (rng_pct(r, 15)) {
		gen_path(r, g, buf);
		return;
	}
	switch (cookie) {
	case NGM_KSOCKET_COOKIE:
		snprintf(buf, PATHBUF, "k%u:", rng_below(r, NNAMES));
		break;
	case NGM_SOCKET_COOKIE:
		gen_sock_name(g->worker - g->worker % g->nworkers +
			      rng_below(r, g->nworkers), buf, PATHBUF);
		strcat(buf, ":");
		break;
	case NGM_HUB_COOKIE:
		snprintf(buf, PATHBUF, "f%u:", rng_below(r, NNAMES));
		break;
	default:
		gen_hook(r, h, sizeof(h));
		if (rng_pct(r, 50))
			snprintf(buf, PATHBUF, "f%u:", rng_below(r, NNAMES));
		else
			snprintf(buf, PATHBUF, "f%u:%s", rng_below(r, NNAMES),
				 h);
		break;
	}
}

/* ------------------------------------------------------------ sockaddrs */

/* A socket address that keeps traffic inside the guest; returns its size */
static size_t gen_sockaddr(struct rng *r, const struct gen_ctx *g,
			   unsigned int kind, uint8_t *buf, size_t cap)
{
	unsigned int port = g->port_base + rng_below(r, NNAMES);
	unsigned int k = rng_below(r, 100);
	size_t n;

	if (cap < sizeof(struct sockaddr_storage))
		return 0;
	memset(buf, 0, sizeof(struct sockaddr_storage));
	if (k < 10)
		kind = rng_below(r, 3);
	if (k >= 95) {
		/* random bytes with a family that stays local */
		n = rng_below(r, 130);
		rng_bytes(r, buf, n);
		if (n >= 2) {
			static const sa_family_t fams[] = {
				AF_UNSPEC, AF_UNIX, AF_INET, AF_INET6, 255,
			};
			sa_family_t f = PICK(r, fams);

			memcpy(buf, &f, sizeof(f));
			if (f == AF_INET && n >= 8)
				buf[4] = 127;
			if (f == AF_INET6 && n >= 24) {
				memset(buf + 8, 0, 16);
				buf[23] = 1;
			}
		}
		return n;
	}
	switch (kind) {
	case 0: {
		struct sockaddr_in sin = { .sin_family = AF_INET };

		sin.sin_port = htons(rng_pct(r, 90) ? port : 0);
		if (rng_pct(r, 80))
			sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		else if (rng_pct(r, 50))
			sin.sin_addr.s_addr = htonl(0x7f000000 |
						    rng_below(r, 0x1000000));
		else
			sin.sin_addr.s_addr = htonl(INADDR_ANY);
		memcpy(buf, &sin, sizeof(sin));
		n = sizeof(sin);
		break;
	}
	case 1: {
		struct sockaddr_in6 s6 = { .sin6_family = AF_INET6 };

		s6.sin6_port = htons(rng_pct(r, 90) ? port : 0);
		if (rng_pct(r, 85))
			s6.sin6_addr = in6addr_loopback;
		else if (rng_pct(r, 50)) {
			s6.sin6_addr.s6_addr[10] = 0xff;
			s6.sin6_addr.s6_addr[11] = 0xff;
			s6.sin6_addr.s6_addr[12] = 127;
			s6.sin6_addr.s6_addr[15] = 1;
		}
		if (rng_pct(r, 5))
			s6.sin6_scope_id = rng_below(r, 4);
		memcpy(buf, &s6, sizeof(s6));
		n = sizeof(s6);
		break;
	}
	default: {
		struct sockaddr_un sun = { .sun_family = AF_UNIX };
		unsigned int m = rng_below(r, NNAMES);

		if (rng_pct(r, 50)) {
			n = offsetof(struct sockaddr_un, sun_path) + 1 +
			    (size_t)snprintf(sun.sun_path + 1,
					     sizeof(sun.sun_path) - 1,
					     "ngfuzz.%u.%u", g->port_base, m);
		} else if (rng_pct(r, 90)) {
			n = offsetof(struct sockaddr_un, sun_path) + 1 +
			    (size_t)snprintf(sun.sun_path,
					     sizeof(sun.sun_path),
					     "/tmp/ngfuzz.%u.%u", g->port_base,
					     m);
		} else {
			/* the longest path, with and without its NUL */
			memset(sun.sun_path, 'p', sizeof(sun.sun_path));
			memcpy(sun.sun_path, "/tmp/", 5);
			n = sizeof(sun);
		}
		memcpy(buf, &sun, sizeof(sun));
		break;
	}
	}
	if (rng_pct(r, 8))
		n = rng_below(r, (uint32_t)n + 8);
	return n;
}

/* ------------------------------------------------------------ ng_mesg */

enum argk {
	AK_NONE, AK_MKPEER, AK_CONNECT, AK_NAME, AK_RMHOOK, AK_INNER,
	AK_ASCII, AK_HOOKBUF, AK_S32, AK_O2MCONF, AK_SOCKADDR, AK_SOCKOPT,
	AK_OPTREQ, AK_BRCONF, AK_MOVEHOST, AK_VLFILTER, AK_U16, AK_RANDOM,
};

struct cmdd {
	uint32_t cookie;
	uint32_t cmd;
	const char *name;
	enum argk arg;
	const char *text;	/* an ASCII form of the arguments */
};

static const struct cmdd cmds[] = {
	{ NGM_GENERIC_COOKIE, NGM_SHUTDOWN, "shutdown", AK_NONE, "" },
	{ NGM_GENERIC_COOKIE, NGM_MKPEER, "mkpeer", AK_MKPEER,
	  "{ type=\"hub\" ourhook=\"a\" peerhook=\"b\" }" },
	{ NGM_GENERIC_COOKIE, NGM_CONNECT, "connect", AK_CONNECT,
	  "{ path=\"f1:\" ourhook=\"a\" peerhook=\"b\" }" },
	{ NGM_GENERIC_COOKIE, NGM_NAME, "name", AK_NAME, "{ name=\"f2\" }" },
	{ NGM_GENERIC_COOKIE, NGM_RMHOOK, "rmhook", AK_RMHOOK,
	  "{ hook=\"a\" }" },
	{ NGM_GENERIC_COOKIE, NGM_NODEINFO, "nodeinfo", AK_NONE, "" },
	{ NGM_GENERIC_COOKIE, NGM_LISTHOOKS, "listhooks", AK_NONE, "" },
	{ NGM_GENERIC_COOKIE, NGM_LISTNAMES, "listnames", AK_NONE, "" },
	{ NGM_GENERIC_COOKIE, NGM_LISTNODES, "listnodes", AK_NONE, "" },
	{ NGM_GENERIC_COOKIE, NGM_LISTTYPES, "listtypes", AK_NONE, "" },
	{ NGM_GENERIC_COOKIE, NGM_TEXT_STATUS, "textstatus", AK_NONE, "" },
	{ NGM_GENERIC_COOKIE, NGM_BINARY2ASCII, "binary2ascii", AK_INNER, "" },
	{ NGM_GENERIC_COOKIE, NGM_ASCII2BINARY, "ascii2binary", AK_ASCII, "" },
	{ NGM_GENERIC_COOKIE, NGM_TEXT_CONFIG, "textconfig", AK_NONE, "" },
	{ NGM_FLOW_COOKIE, NGM_LINK_IS_UP, "linkup", AK_NONE, "" },
	{ NGM_FLOW_COOKIE, NGM_LINK_IS_DOWN, "linkdown", AK_NONE, "" },
	{ NGM_FLOW_COOKIE, NGM_HIGH_WATER_PASSED, "highwater", AK_NONE, "" },
	{ NGM_FLOW_COOKIE, NGM_LOW_WATER_PASSED, "lowwater", AK_NONE, "" },
	{ NGM_FLOW_COOKIE, NGM_SYNC_QUEUE_STATE, "syncqueue", AK_NONE, "" },
	{ NGM_HUB_COOKIE, NGM_HUB_SET_PERSISTENT, "setpersistent", AK_NONE,
	  "" },
	{ NGM_TEE_COOKIE, NGM_TEE_GET_STATS, "getstats", AK_NONE, "" },
	{ NGM_TEE_COOKIE, NGM_TEE_CLR_STATS, "clrstats", AK_NONE, "" },
	{ NGM_TEE_COOKIE, NGM_TEE_GETCLR_STATS, "getclrstats", AK_NONE, "" },
	{ NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_SET_CONFIG, "setconfig",
	  AK_O2MCONF, "{ xmitAlg=2 failAlg=1 enabledLinks=[ 1 1 1 ] }" },
	{ NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_GET_CONFIG, "getconfig", AK_NONE,
	  "" },
	{ NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_GET_STATS, "getstats", AK_S32,
	  "-1" },
	{ NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_CLR_STATS, "clrstats", AK_S32,
	  "0" },
	{ NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_GETCLR_STATS, "getclrstats",
	  AK_S32, "63" },
	{ NGM_ECHO_COOKIE, 1, "echo", AK_RANDOM, "" },
	{ NGM_ECHO_COOKIE, 0xffffffff, "echo", AK_RANDOM, "" },
	{ NGM_HOLE_COOKIE, NGM_HOLE_GET_STATS, "getstats", AK_HOOKBUF,
	  "\"a\"" },
	{ NGM_HOLE_COOKIE, NGM_HOLE_CLR_STATS, "clrstats", AK_HOOKBUF,
	  "\"in\"" },
	{ NGM_HOLE_COOKIE, NGM_HOLE_GETCLR_STATS, "getclrstats", AK_HOOKBUF,
	  "\"b\"" },
	{ NGM_KSOCKET_COOKIE, NGM_KSOCKET_BIND, "bind", AK_SOCKADDR,
	  "inet/127.0.0.1:30001" },
	{ NGM_KSOCKET_COOKIE, NGM_KSOCKET_LISTEN, "listen", AK_S32, "5" },
	{ NGM_KSOCKET_COOKIE, NGM_KSOCKET_ACCEPT, "accept", AK_NONE, "" },
	{ NGM_KSOCKET_COOKIE, NGM_KSOCKET_CONNECT, "connect", AK_SOCKADDR,
	  "inet6/[::1]:30002" },
	{ NGM_KSOCKET_COOKIE, NGM_KSOCKET_GETNAME, "getname", AK_NONE, "" },
	{ NGM_KSOCKET_COOKIE, NGM_KSOCKET_GETPEERNAME, "getpeername", AK_NONE,
	  "" },
	{ NGM_KSOCKET_COOKIE, NGM_KSOCKET_SETOPT, "setopt", AK_SOCKOPT,
	  "{ level=1 name=2 value=[ 1 0 0 0 ] }" },
	{ NGM_KSOCKET_COOKIE, NGM_KSOCKET_GETOPT, "getopt", AK_OPTREQ,
	  "{ level=1 name=7 }" },
	/* ng_ksocket's private "accept retry", reachable by number */
	{ NGM_KSOCKET_COOKIE, 0x4b530001, "acceptretry", AK_NONE, "" },
	{ NGM_IFACE_COOKIE, NGM_IFACE_GET_IFNAME, "getifname", AK_NONE, "" },
	{ NGM_IFACE_COOKIE, NGM_IFACE_POINT2POINT, "point2point", AK_NONE,
	  "" },
	{ NGM_IFACE_COOKIE, NGM_IFACE_BROADCAST, "broadcast", AK_NONE, "" },
	{ NGM_IFACE_COOKIE, NGM_IFACE_GET_IFINDEX, "getifindex", AK_NONE, "" },
	{ NGM_CISCO_COOKIE, NGM_CISCO_GET_IPADDR, "getipaddr", AK_NONE, "" },
	{ NGM_EIFACE_COOKIE, NGM_EIFACE_GET_IFNAME, "getifname", AK_NONE, "" },
	{ NGM_EIFACE_COOKIE, NGM_EIFACE_GET_IFADDRS, "getifaddrs", AK_NONE,
	  "" },
	{ NGM_EIFACE_COOKIE, NGM_EIFACE_SET, "set", AK_RANDOM,
	  "02:00:00:00:00:01" },
	{ NGM_BRIDGE_COOKIE, NGM_BRIDGE_SET_CONFIG, "setconfig", AK_BRCONF,
	  "{ debugLevel=2 loopTimeout=1 maxStaleness=2 }" },
	{ NGM_BRIDGE_COOKIE, NGM_BRIDGE_GET_CONFIG, "getconfig", AK_NONE, "" },
	{ NGM_BRIDGE_COOKIE, NGM_BRIDGE_RESET, "reset", AK_NONE, "" },
	{ NGM_BRIDGE_COOKIE, NGM_BRIDGE_GET_STATS, "getstats", AK_S32, "0" },
	{ NGM_BRIDGE_COOKIE, NGM_BRIDGE_CLR_STATS, "clrstats", AK_S32, "-1" },
	{ NGM_BRIDGE_COOKIE, NGM_BRIDGE_GETCLR_STATS, "getclrstats", AK_S32,
	  "1" },
	{ NGM_BRIDGE_COOKIE, NGM_BRIDGE_GET_TABLE, "gettable", AK_NONE, "" },
	{ NGM_BRIDGE_COOKIE, NGM_BRIDGE_SET_PERSISTENT, "setpersistent",
	  AK_NONE, "" },
	{ NGM_BRIDGE_COOKIE, NGM_BRIDGE_MOVE_HOST, "movehost", AK_MOVEHOST,
	  "{ addr=02:00:00:00:00:01 hook=\"link0\" }" },
	{ NGM_VLAN_COOKIE, NGM_VLAN_ADD_FILTER, "addfilter", AK_VLFILTER,
	  "{ hook=\"v10\" vid=10 pcp=3 }" },
	{ NGM_VLAN_COOKIE, NGM_VLAN_DEL_FILTER, "delfilter", AK_HOOKBUF,
	  "\"v10\"" },
	{ NGM_VLAN_COOKIE, NGM_VLAN_GET_TABLE, "gettable", AK_NONE, "" },
	{ NGM_VLAN_COOKIE, NGM_VLAN_DEL_VID_FLT, "delvidflt", AK_U16, "10" },
	{ NGM_VLAN_COOKIE, NGM_VLAN_GET_DECAP, "getdecap", AK_NONE, "" },
	{ NGM_VLAN_COOKIE, NGM_VLAN_SET_DECAP, "setdecap", AK_S32, "1" },
	{ NGM_VLAN_COOKIE, NGM_VLAN_GET_ENCAP, "getencap", AK_NONE, "" },
	{ NGM_VLAN_COOKIE, NGM_VLAN_SET_ENCAP, "setencap", AK_S32, "3" },
	{ NGM_VLAN_COOKIE, NGM_VLAN_GET_ENCAP_PROTO, "getencapproto", AK_NONE,
	  "" },
	{ NGM_VLAN_COOKIE, NGM_VLAN_SET_ENCAP_PROTO, "setencapproto", AK_U16,
	  "0x88a8" },
	{ NGM_ETHER_COOKIE, NGM_ETHER_GET_IFNAME, "getifname", AK_NONE, "" },
	{ NGM_ETHER_COOKIE, NGM_ETHER_GET_IFINDEX, "getifindex", AK_NONE, "" },
	{ NGM_ETHER_COOKIE, NGM_ETHER_GET_ENADDR, "getenaddr", AK_NONE, "" },
	{ NGM_ETHER_COOKIE, NGM_ETHER_SET_ENADDR, "setenaddr", AK_RANDOM,
	  "02:00:00:00:00:02" },
	{ NGM_ETHER_COOKIE, NGM_ETHER_GET_PROMISC, "getpromisc", AK_NONE, "" },
	{ NGM_ETHER_COOKIE, NGM_ETHER_SET_PROMISC, "setpromisc", AK_S32, "1" },
	{ NGM_ETHER_COOKIE, NGM_ETHER_GET_AUTOSRC, "getautosrc", AK_NONE, "" },
	{ NGM_ETHER_COOKIE, NGM_ETHER_SET_AUTOSRC, "setautosrc", AK_S32, "0" },
	{ NGM_ETHER_COOKIE, NGM_ETHER_ADD_MULTI, "addmulti", AK_RANDOM,
	  "01:00:5e:00:00:01" },
	{ NGM_ETHER_COOKIE, NGM_ETHER_DEL_MULTI, "delmulti", AK_RANDOM,
	  "01:00:5e:00:00:01" },
	{ NGM_ETHER_COOKIE, NGM_ETHER_DETACH, "detach", AK_NONE, "" },
	{ NGM_SOCKET_COOKIE, NGM_SOCK_CMD_NOLINGER, "nolinger", AK_NONE, "" },
	{ NGM_SOCKET_COOKIE, NGM_SOCK_CMD_LINGER, "linger", AK_NONE, "" },
};

static const char *const ascii_extra[] = {
	"local/\"/tmp/ngfuzz.x\"", "inet/127.0.0.1", "inet6/[::1]:1",
	"{ xmitAlg=1 failAlg=2 enabledLinks=[ 0=1 63=1 ] }",
	"{ xmitAlg=3 }", "{ level=6 name=1 value=[ 1 0 0 0 ] }",
	"{ level=1 name=36 value=\"abcd\" }", "{ name=\"\" }",
	"{ type=\"ksocket\" ourhook=\"k0\" peerhook=\"inet/dgram/udp\" }",
	"{ path=\"[1]:\" ourhook=\"x\" peerhook=\"y\" }", "[ 1 2 3 ]",
	"{ numnames=2 nodeinfo=[ { name=\"a\" } ] }", "0x7fffffff", "-",
	"\"\\x00\\377\\\"", "{ { { { { { { { { { { { {", "[[[[[[[[[[[[[[",
	"{ family=2 len=16 data=[ 0 0 127 0 0 1 ] }",
};

/* Mutate ASCII text in place: truncate, flip, insert delimiters */
static void mutate_text(struct rng *r, char *t, size_t cap)
{
	size_t n = strlen(t);
	unsigned int i, k = 1 + rng_below(r, 3);

	for (i = 0; i < k; i++) {
		switch (rng_below(r, 4)) {
		case 0:
			if (n)
				t[n = rng_below(r, (uint32_t)n)] = '\0';
			break;
		case 1:
			if (n)
				t[rng_below(r, (uint32_t)n)] =
					"{}[]=\"\\ 0x-9"[rng_below(r, 13)];
			break;
		case 2:
			if (n + 2 < cap) {
				size_t at = rng_below(r, (uint32_t)n + 1);

				memmove(t + at + 1, t + at, n - at + 1);
				t[at] = "{}[]=\"\\ "[rng_below(r, 8)];
				n++;
			}
			break;
		default:
			if (n)
				t[rng_below(r, (uint32_t)n)] =
					(char)(1 + rng_below(r, 255));
			break;
		}
	}
}

static size_t gen_ngmsg(struct rng *r, const struct gen_ctx *g, uint8_t *buf,
			size_t cap, const struct cmdd **cdp, int depth);

/* The arguments of command cd into buf; returns their length */
static size_t gen_args(struct rng *r, const struct gen_ctx *g,
		       const struct cmdd *cd, uint8_t *buf, size_t cap,
		       int depth)
{
	size_t n = 0;
	char h[700];

	switch (cd->arg) {
	case AK_NONE:
		if (rng_pct(r, 90))
			return 0;
		n = rng_below(r, 64);
		break;
	case AK_MKPEER: {
		struct ngm_mkpeer mp;

		memset(&mp, 0, sizeof(mp));
		gen_type(r, h, sizeof(h));
		scpy(mp.type, sizeof(mp.type), h);
		gen_hook(r, h, sizeof(h));
		scpy(mp.ourhook, sizeof(mp.ourhook), h);
		if (!strcmp(mp.type, "ksocket"))
			gen_kshook(r, g, h, sizeof(h));
		else
			gen_hook(r, h, sizeof(h));
		scpy(mp.peerhook, sizeof(mp.peerhook), h);
		if (rng_pct(r, 5))
			memset(mp.ourhook, 'o', sizeof(mp.ourhook));
		memcpy(buf, &mp, sizeof(mp));
		return sizeof(mp);
	}
	case AK_CONNECT: {
		struct ngm_connect *c = (struct ngm_connect *)buf;
		char p[PATHBUF];

		memset(c, 0, sizeof(*c));
		gen_path(r, g, p);
		/* -A: no cycles, so no endless fan-out or message loops */
		if (g->avoid_known)
			strcpy(p, "nonexistent:");
		scpy(c->path, sizeof(c->path), p);
		gen_hook(r, h, sizeof(h));
		scpy(c->ourhook, sizeof(c->ourhook), h);
		gen_hook(r, h, sizeof(h));
		scpy(c->peerhook, sizeof(c->peerhook), h);
		if (rng_pct(r, 5))
			memset(c->path, 'p', sizeof(c->path));
		return sizeof(*c);
	}
	case AK_NAME: {
		struct ngm_name nm;

		memset(&nm, 0, sizeof(nm));
		gen_name(r, g, h, sizeof(h));
		scpy(nm.name, sizeof(nm.name), h);
		if (rng_pct(r, 5))
			memset(nm.name, 'n', sizeof(nm.name));
		memcpy(buf, &nm, sizeof(nm));
		return sizeof(nm);
	}
	case AK_RMHOOK:
	case AK_HOOKBUF: {
		struct ngm_rmhook rh;

		memset(&rh, 0, sizeof(rh));
		gen_hook(r, h, sizeof(h));
		scpy(rh.ourhook, sizeof(rh.ourhook), h);
		if (rng_pct(r, 5))
			memset(rh.ourhook, 'r', sizeof(rh.ourhook));
		memcpy(buf, &rh, sizeof(rh));
		return sizeof(rh);
	}
	case AK_INNER:
		if (depth > 0 || rng_pct(r, 5)) {
			n = rng_below(r, 200);
			break;
		}
		return gen_ngmsg(r, g, buf, cap, NULL, depth + 1);
	case AK_ASCII: {
		struct ng_mesg *m = (struct ng_mesg *)buf;
		const struct cmdd *in = &PICK(r, cmds);
		size_t tl;

		memset(m, 0, sizeof(*m));
		m->header.version = NG_VERSION;
		m->header.typecookie = in->cookie;
		m->header.cmd = in->cmd;
		snprintf(m->header.cmdstr, sizeof(m->header.cmdstr), "%s",
			 rng_pct(r, 90) ? in->name : PICK(r, cmds).name);
		snprintf(h, sizeof(h), "%s",
			 rng_pct(r, 80) ? in->text : PICK(r, ascii_extra));
		if (rng_pct(r, 30))
			mutate_text(r, h, sizeof(h));
		tl = strlen(h) + (rng_pct(r, 92) ? 1 : 0);
		memcpy(m->data, h, tl);
		m->header.arglen = (uint32_t)tl;
		if (rng_pct(r, 5))
			m->header.arglen = rng_below(r, 2000);
		return sizeof(*m) + tl;
	}
	case AK_S32: {
		static const int32_t v[] = { -1, 0, 1, 5, 63, 64, -2,
					     0x7fffffff, (int32_t)0x80000000 };
		int32_t x = PICK(r, v);

		memcpy(buf, &x, sizeof(x));
		return sizeof(x);
	}
	case AK_O2MCONF: {
		struct ng_one2many_config c;

		c.xmitAlg = rng_pct(r, 85) ? 1 + rng_below(r, 3) :
					     (uint32_t)rng_next(r);
		c.failAlg = rng_pct(r, 85) ? 1 + rng_below(r, 2) :
					     (uint32_t)rng_next(r);
		rng_bytes(r, c.enabledLinks, sizeof(c.enabledLinks));
		if (rng_pct(r, 70)) {
			unsigned int i;

			for (i = 0; i < sizeof(c.enabledLinks); i++)
				c.enabledLinks[i] &= 1;
		}
		memcpy(buf, &c, sizeof(c));
		return sizeof(c);
	}
	case AK_BRCONF: {
		struct ng_bridge_config c;

		memset(&c, 0, sizeof(c));
		c.debugLevel = (uint8_t)rng_below(r, 4);
		c.loopTimeout = rng_pct(r, 80) ? rng_below(r, 4) :
						 (uint32_t)rng_next(r);
		c.maxStaleness = rng_pct(r, 80) ? rng_below(r, 4) :
						  (uint32_t)rng_next(r);
		c.minStableAge = rng_pct(r, 80) ? rng_below(r, 3) :
						  (uint32_t)rng_next(r);
		memcpy(buf, &c, sizeof(c));
		return sizeof(c);
	}
	case AK_MOVEHOST: {
		struct ng_bridge_move_host mh;

		memset(&mh, 0, sizeof(mh));
		rng_bytes(r, mh.addr, sizeof(mh.addr));
		if (rng_pct(r, 80))
			mh.addr[0] &= 0xfe;	/* mostly unicast */
		if (rng_pct(r, 20))
			mh.addr[5] &= 3;	/* and often the same few */
		if (rng_pct(r, 85))
			snprintf(mh.hook, sizeof(mh.hook), "%s", PICK(r, hooks));
		else if (rng_pct(r, 50))
			memset(mh.hook, 'x', sizeof(mh.hook));
		memcpy(buf, &mh, sizeof(mh));
		return sizeof(mh);
	}
	case AK_VLFILTER: {
		struct ng_vlan_filter vf;

		memset(&vf, 0, sizeof(vf));
		snprintf(vf.hook_name, sizeof(vf.hook_name), "%s",
			 PICK(r, hooks));
		vf.vid = rng_pct(r, 85) ? rng_below(r, 4096) :
					  (uint16_t)rng_next(r);
		if (rng_pct(r, 20))
			vf.vlan = rng_pct(r, 50) ? vf.vid :
						   (uint16_t)rng_next(r);
		vf.pcp = rng_pct(r, 90) ? rng_below(r, 8) : (uint8_t)rng_next(r);
		vf.cfi = rng_pct(r, 90) ? rng_below(r, 2) : (uint8_t)rng_next(r);
		memcpy(buf, &vf, sizeof(vf));
		return sizeof(vf);
	}
	case AK_U16: {
		static const uint16_t v[] = { 0, 1, 10, 4095, 4096, 0x8100,
					      0x88a8, 0xffff };
		uint16_t x = PICK(r, v);

		memcpy(buf, &x, sizeof(x));
		return sizeof(x);
	}
	case AK_SOCKADDR:
		return gen_sockaddr(r, g, rng_below(r, 3), buf, cap);
	case AK_SOCKOPT:
	case AK_OPTREQ: {
		static const int32_t lv[][2] = {
			{ SOL_SOCKET, SO_REUSEADDR }, { SOL_SOCKET, SO_RCVBUF },
			{ SOL_SOCKET, SO_SNDBUF }, { SOL_SOCKET, SO_KEEPALIVE },
			{ SOL_SOCKET, SO_LINGER }, { SOL_SOCKET, SO_MARK },
			{ SOL_SOCKET, SO_PRIORITY }, { SOL_SOCKET, SO_BROADCAST },
			{ SOL_SOCKET, SO_RCVTIMEO }, { SOL_SOCKET, SO_ERROR },
			{ IPPROTO_TCP, 1 /* NODELAY */ },
			{ IPPROTO_TCP, 13 /* TCP_CONGESTION */ },
			{ IPPROTO_IP, 1 /* IP_TOS */ }, { IPPROTO_IP, 2 /* TTL */ },
			{ IPPROTO_IPV6, 26 /* V6ONLY */ }, { 0, 0 },
			{ -1, -1 }, { 0x7fffffff, 1 },
		};
		unsigned int i = rng_below(r, ARRAY_SIZE(lv));
		int32_t hd[2] = { lv[i][0], lv[i][1] };
		size_t vl = 0;

		memcpy(buf, hd, sizeof(hd));
		if (cd->arg == AK_SOCKOPT) {
			static const size_t lens[] = { 0, 1, 4, 4, 4, 8, 16,
						       1024, 1025 };
			vl = PICK(r, lens);
			if (rng_pct(r, 60) && vl >= 4) {
				uint32_t one = rng_below(r, 3);

				memset(buf + 8, 0, vl);
				memcpy(buf + 8, &one, 4);
			} else {
				rng_bytes(r, buf + 8, vl);
			}
		} else if (rng_pct(r, 10)) {
			vl = rng_below(r, 16);
			rng_bytes(r, buf + 8, vl);
		}
		return 8 + vl;
	}
	case AK_RANDOM:
		n = rng_below(r, 300);
		break;
	}
	if (rng_pct(r, 2))
		n = 60000 + rng_below(r, 5000);
	if (n > cap)
		n = cap;
	rng_bytes(r, buf, n);
	return n;
}

/*
 * A whole struct ng_mesg with arguments into buf; returns its length.
 * *cdp (if given) gets the command it was built from (NULL: random).
 */
static size_t gen_ngmsg(struct rng *r, const struct gen_ctx *g, uint8_t *buf,
			size_t cap, const struct cmdd **cdp, int depth)
{
	struct ng_mesg *m = (struct ng_mesg *)buf;
	const struct cmdd *cd = NULL;
	size_t al;
	unsigned int k;

	if (cap < sizeof(*m) + 70000)
		return 0;
	memset(m, 0, sizeof(*m));
	if (rng_pct(r, 94)) {
		cd = &PICK(r, cmds);
		al = gen_args(r, g, cd, (uint8_t *)m->data, cap - sizeof(*m), depth);
		m->header.typecookie = cd->cookie;
		m->header.cmd = cd->cmd;
		snprintf(m->header.cmdstr, sizeof(m->header.cmdstr), "%s",
			 cd->name);
	} else {
		rng_bytes(r, m, sizeof(*m));
		al = rng_below(r, 600);
		rng_bytes(r, m->data, al);
	}
	m->header.version = NG_VERSION;
	m->header.arglen = (uint32_t)al;
	m->header.token = (uint32_t)rng_next(r);

	/* header mutations */
	if (rng_pct(r, 6))
		m->header.version = rng_pct(r, 50) ? NG_VERSION + 1 :
						     (uint8_t)rng_next(r);
	if (rng_pct(r, 3))
		m->header.spare = 1;
	k = rng_below(r, 100);
	if (k < 4)
		m->header.arglen = al + 1 + rng_below(r, 64);
	else if (k < 7 && al)
		m->header.arglen = rng_below(r, (uint32_t)al);
	else if (k < 8)
		m->header.arglen = 0xffffffff - rng_below(r, 64);
	else if (k < 9)
		m->header.arglen = 0x80000000u;
	k = rng_below(r, 100);
	if (k < 8)
		m->header.flags = NGF_RESP;
	else if (k < 11)
		m->header.flags = (uint32_t)rng_next(r);
	if (rng_pct(r, 4))
		m->header.typecookie = PICK(r, cmds).cookie;
	else if (rng_pct(r, 2))
		m->header.typecookie = (uint32_t)rng_next(r);
	if (rng_pct(r, 4))
		m->header.cmd = (uint32_t)rng_next(r) &
				(rng_pct(r, 50) ? 0xff : 0xffffffff);
	else if (rng_pct(r, 4))
		m->header.cmd ^= NGM_READONLY | NGM_HASREPLY;
	k = rng_below(r, 100);
	if (k < 8) {
		/* cmdstr without its NUL: known to overrun in extack text */
		if (!g->avoid_known)
			memset(m->header.cmdstr, 'A',
			       sizeof(m->header.cmdstr));
	} else if (k < 14) {
		m->header.cmdstr[0] = '\0';
	} else if (k < 18) {
		rand_nonnul(r, m->header.cmdstr,
			    rng_below(r, sizeof(m->header.cmdstr)));
	}
	if (cdp)
		*cdp = cd;
	return sizeof(*m) + al;
}

/* ------------------------------------------------------------ operations */

static void op_mkpeer(struct rng *r, const struct gen_ctx *g, struct req *rq)
{
	char p[PATHBUF], t[64], h1[700], h2[700];
	unsigned int k = rng_below(r, 100);

	gen_type(r, t, sizeof(t));
	if (k < 30) {
		/* on the worker's own node, a hook that name can target */
		gen_sock_name(g->worker, p, sizeof(p));
		strcat(p, ":");
		snprintf(h1, sizeof(h1), "h%u", rng_below(r, 4));
	} else if (k < 65) {
		snprintf(p, sizeof(p), "f%u:", rng_below(r, NNAMES));
		gen_hook(r, h1, sizeof(h1));
	} else {
		gen_path(r, g, p);
		gen_hook(r, h1, sizeof(h1));
	}
	if (!strcmp(t, "ksocket"))
		gen_kshook(r, g, h2, sizeof(h2));
	else
		gen_hook(r, h2, sizeof(h2));
	if (rng_pct(r, 8)) {
		add_str(rq, NETGRAPH_A_TYPE, t);	/* standalone */
		if (rng_pct(r, 20))
			add_str(rq, NETGRAPH_A_OURHOOK, h1);
	} else {
		add_str(rq, NETGRAPH_A_PATH, p);
		add_str(rq, NETGRAPH_A_TYPE, t);
		add_str(rq, NETGRAPH_A_OURHOOK, h1);
		add_str(rq, NETGRAPH_A_PEERHOOK, h2);
	}
	rq->cmd = NETGRAPH_CMD_MKPEER;
	what(rq, "mkpeer %.40s", t);
}

static void op_name(struct rng *r, const struct gen_ctx *g, struct req *rq)
{
	char p[PATHBUF], n[64];
	unsigned int k = rng_below(r, 100);

	if (k < 45) {
		gen_sock_name(g->worker, p, sizeof(p));
		snprintf(p + strlen(p), 16, ":h%u", rng_below(r, 4));
		snprintf(n, sizeof(n), "f%u", rng_below(r, NNAMES));
	} else if (k < 70) {
		unsigned int m = rng_below(r, NNAMES);

		/* the ksocket hung off fM on hook kM becomes kM */
		snprintf(p, sizeof(p), "f%u:k%u",
			 rng_pct(r, 80) ? m : rng_below(r, NNAMES), m);
		snprintf(n, sizeof(n), "k%u", m);
	} else {
		gen_path(r, g, p);
		gen_name(r, g, n, sizeof(n));
	}
	add_str(rq, NETGRAPH_A_PATH, p);
	add_str(rq, NETGRAPH_A_NAME, n);
	rq->cmd = NETGRAPH_CMD_NAME;
	what(rq, "name %.40s", n);
}

static void op_connect(struct rng *r, const struct gen_ctx *g, struct req *rq)
{
	char p[PATHBUF], pp[PATHBUF], h1[700], h2[700];

	if (rng_pct(r, 60))
		snprintf(p, sizeof(p), "f%u:", rng_below(r, NNAMES));
	else
		gen_path(r, g, p);
	if (rng_pct(r, 50))
		snprintf(pp, sizeof(pp), "f%u:", rng_below(r, NNAMES));
	else if (rng_pct(r, 30)) {
		gen_hook(r, h1, sizeof(h1));
		scpy(pp, sizeof(pp), h1);	/* relative */
	} else {
		gen_path(r, g, pp);
	}
	gen_hook(r, h1, sizeof(h1));
	gen_hook(r, h2, sizeof(h2));
	/* -A: no cycles, so no endless fan-out or message loops */
	if (g->avoid_known)
		strcpy(pp, "nonexistent:");
	add_str(rq, NETGRAPH_A_PATH, p);
	add_str(rq, NETGRAPH_A_PEERPATH, pp);
	add_str(rq, NETGRAPH_A_OURHOOK, h1);
	add_str(rq, NETGRAPH_A_PEERHOOK, h2);
	rq->cmd = NETGRAPH_CMD_CONNECT;
	what(rq, "connect%.40s", "");
}

static void op_rmhook(struct rng *r, const struct gen_ctx *g, struct req *rq)
{
	char p[PATHBUF], h[700];

	if (rng_pct(r, 60))
		snprintf(p, sizeof(p), "f%u:", rng_below(r, NNAMES));
	else
		gen_path(r, g, p);
	gen_hook(r, h, sizeof(h));
	add_str(rq, NETGRAPH_A_PATH, p);
	add_str(rq, NETGRAPH_A_OURHOOK, h);
	rq->cmd = NETGRAPH_CMD_RMHOOK;
	what(rq, "rmhook %.40s", h);
}

static void op_shutdown(struct rng *r, const struct gen_ctx *g, struct req *rq)
{
	char p[PATHBUF];

	gen_path(r, g, p);
	add_str(rq, NETGRAPH_A_PATH, p);
	rq->cmd = NETGRAPH_CMD_SHUTDOWN;
	what(rq, "shutdown %.40s", p);
}

static void op_read(struct rng *r, const struct gen_ctx *g, struct req *rq)
{
	char p[PATHBUF];

	switch (rng_below(r, 6)) {
	case 0:
		gen_path(r, g, p);
		add_str(rq, NETGRAPH_A_PATH, p);
		rq->cmd = NETGRAPH_CMD_GET_NODE;
		what(rq, "get_node %.40s", p);
		break;
	case 1:
		rq->cmd = NETGRAPH_CMD_GET_NODE;
		rq->nlflags = NLM_F_DUMP;
		if (rng_pct(r, 50))
			add_u32(rq, NETGRAPH_A_FLAGS,
				rng_pct(r, 80) ? NETGRAPH_F_NAMED :
						 (uint32_t)rng_next(r));
		what(rq, "dump nodes%.40s", "");
		break;
	case 2:
		gen_path(r, g, p);
		add_str(rq, NETGRAPH_A_PATH, p);
		rq->cmd = NETGRAPH_CMD_GET_HOOKS;
		rq->nlflags = NLM_F_DUMP;
		what(rq, "dump hooks %.40s", p);
		break;
	case 3:
		rq->cmd = NETGRAPH_CMD_GET_TYPE;
		rq->nlflags = NLM_F_DUMP;
		what(rq, "dump types%.40s", "");
		break;
	case 4:
		rq->cmd = NETGRAPH_CMD_GET_STATS;
		what(rq, "get_stats%.40s", "");
		break;
	default:
		/* a do of a dump-only operation and vice versa */
		rq->cmd = rng_pct(r, 50) ? NETGRAPH_CMD_GET_HOOKS :
					   NETGRAPH_CMD_GET_TYPE;
		if (rng_pct(r, 50)) {
			rq->cmd = NETGRAPH_CMD_GET_STATS;
			rq->nlflags = NLM_F_DUMP;
		}
		gen_path(r, g, p);
		add_str(rq, NETGRAPH_A_PATH, p);
		what(rq, "odd read%.40s", "");
		break;
	}
}

static void op_msg(struct rng *r, const struct gen_ctx *g, struct req *rq)
{
	const struct cmdd *cd = NULL;
	/* built past the room the PATH and FLAGS attributes will take */
	uint8_t *body = rq->pool + rq->used + 4096;
	size_t len;
	char p[PATHBUF];

	len = gen_ngmsg(r, g, body, sizeof(rq->pool) - rq->used - 4096, &cd,
			0);
	if (len > REQ_MAX_PAYLOAD)
		len = REQ_MAX_PAYLOAD;
	if (rng_pct(r, 10)) {
		/* from the worker's socket node: relative addresses work */
		static const char *const rel[] = { ".", "h0", "h1", "h0.a",
						   "h2.left", "f1:" };
		scpy(p, sizeof(p), PICK(r, rel));
		add_u32(rq, NETGRAPH_A_FLAGS, NETGRAPH_F_FROM_NODE);
	} else {
		gen_target(r, g, cd ? cd->cookie : 0, p);
	}
	add_str(rq, NETGRAPH_A_PATH, p);
	/* move the body down behind them and claim it */
	if (rq->nattrs < REQ_MAX_ATTRS) {
		struct req_attr *a = &rq->a[rq->nattrs++];

		a->type = NETGRAPH_A_MSG;
		a->len = (uint32_t)len;
		memmove(rq->pool + rq->used, body, len);
		a->data = rq->pool + rq->used;
		rq->used += (len + 3) & ~(size_t)3;
	}
	rq->cmd = NETGRAPH_CMD_MSG;
	what(rq, "msg %.40s", cd ? cd->name : "random");
}

static size_t gen_payload_len(struct rng *r)
{
	unsigned int k = rng_below(r, 100);

	if (k < 70)
		return 1 + rng_below(r, 256);
	if (k < 82)
		return 0;
	if (k < 96)
		return 1 + rng_below(r, 4096);
	return REQ_MAX_PAYLOAD - rng_below(r, 2);
}

static void add_payload(struct rng *r, struct req *rq, uint16_t type)
{
	size_t n = gen_payload_len(r);
	struct req_attr *a = add_attr(rq, type, NULL, n);

	if (a)
		rng_bytes(r, a->data, a->len);
}

static void op_inject(struct rng *r, const struct gen_ctx *g, struct req *rq)
{
	char p[PATHBUF], h[700];
	unsigned int m = rng_below(r, NNAMES);

	if (rng_pct(r, 40)) {
		/* into a ksocket: goes out of its socket */
		snprintf(p, sizeof(p), "k%u:", m);
		scpy(h, sizeof(h), rng_pct(r, 80) ? ks_hooks[m] :
							      PICK(r, ks_hooks));
	} else if (rng_pct(r, 50)) {
		snprintf(p, sizeof(p), "f%u:", rng_below(r, NNAMES));
		gen_hook(r, h, sizeof(h));
	} else {
		gen_path(r, g, p);
		gen_hook(r, h, sizeof(h));
	}
	add_str(rq, NETGRAPH_A_PATH, p);
	add_str(rq, NETGRAPH_A_OURHOOK, h);
	add_payload(r, rq, NETGRAPH_A_DATA);
	rq->cmd = NETGRAPH_CMD_INJECT;
	what(rq, "inject %.40s", p);
}

static void op_sock(struct rng *r, const struct gen_ctx *g, struct req *rq)
{
	char p[PATHBUF], h[700];

	switch (rng_below(r, 4)) {
	case 0:
		rq->cmd = NETGRAPH_CMD_SOCK_NEW;
		if (rng_pct(r, 70)) {
			gen_sock_name(g->worker, p, sizeof(p));
			add_str(rq, NETGRAPH_A_NAME, p);
		} else if (rng_pct(r, 50)) {
			gen_name(r, g, p, 64);
			add_str(rq, NETGRAPH_A_NAME, p);
		}
		if (rng_pct(r, 30))
			rq->action = ACT_SEND_AUX;
		what(rq, "sock_new%.40s", "");
		break;
	case 1:
		rq->cmd = NETGRAPH_CMD_SOCK_ATTACH;
		if (rng_pct(r, 80)) {
			gen_sock_name(g->worker, p, sizeof(p));
			strcat(p, ":");
		} else {
			gen_path(r, g, p);
		}
		add_str(rq, NETGRAPH_A_PATH, p);
		add_u32(rq, NETGRAPH_A_CHANNEL, rng_pct(r, 90) ?
				1 + rng_below(r, 2) : rng_below(r, 5));
		rq->action = rng_pct(r, 80) ? ACT_SEND_AUX : ACT_SEND;
		what(rq, "sock_attach %.40s", p);
		break;
	default:
		rq->cmd = NETGRAPH_CMD_SOCK_DATA;
		if (rng_pct(r, 85)) {
			snprintf(h, sizeof(h), "h%u", rng_below(r, 4));
			add_str(rq, NETGRAPH_A_OURHOOK, h);
		}
		add_payload(r, rq, NETGRAPH_A_DATA);
		if (rng_pct(r, 10))
			rq->action = ACT_SEND_AUX;
		what(rq, "sock_data%.40s", "");
		break;
	}
}

/* One step of the ksocket life: create, name, bind, listen, connect... */
static void op_ksock(struct rng *r, const struct gen_ctx *g, struct req *rq)
{
	unsigned int m = rng_below(r, NNAMES);
	/* kM hangs off fM mostly, so that mkpeer and name meet */
	unsigned int f = rng_pct(r, 80) ? m : rng_below(r, NNAMES);
	uint8_t *body;
	struct ng_mesg *msg;
	char p[64], h[700];
	const char *cs;
	uint32_t cmd;
	size_t al = 0;
	unsigned int kind = m >= 6 ? 2 : (m >= 4 ? 1 : 0);

	switch (rng_below(r, 10)) {
	case 0:
		snprintf(p, sizeof(p), "f%u:", f);
		snprintf(h, sizeof(h), "k%u", m);
		add_str(rq, NETGRAPH_A_PATH, p);
		add_str(rq, NETGRAPH_A_TYPE, "ksocket");
		add_str(rq, NETGRAPH_A_OURHOOK, h);
		if (rng_pct(r, 80))
			scpy(h, sizeof(h), ks_hooks[m]);
		else
			gen_kshook(r, g, h, sizeof(h));
		add_str(rq, NETGRAPH_A_PEERHOOK, h);
		rq->cmd = NETGRAPH_CMD_MKPEER;
		what(rq, "ks mkpeer %.40s", h);
		return;
	case 1:
		snprintf(p, sizeof(p), "f%u:k%u", f, m);
		snprintf(h, sizeof(h), "k%u", m);
		add_str(rq, NETGRAPH_A_PATH, p);
		add_str(rq, NETGRAPH_A_NAME, h);
		rq->cmd = NETGRAPH_CMD_NAME;
		what(rq, "ks name %.40s", h);
		return;
	case 2:
		snprintf(p, sizeof(p), "k%u:", m);
		add_str(rq, NETGRAPH_A_PATH, p);
		add_str(rq, NETGRAPH_A_OURHOOK, ks_hooks[m]);
		add_payload(r, rq, NETGRAPH_A_DATA);
		rq->cmd = NETGRAPH_CMD_INJECT;
		what(rq, "ks inject %.40s", p);
		return;
	case 3:
		if (rng_pct(r, 30)) {
			snprintf(p, sizeof(p), "k%u:", m);
			add_str(rq, NETGRAPH_A_PATH, p);
			rq->cmd = NETGRAPH_CMD_SHUTDOWN;
			what(rq, "ks shutdown %.40s", p);
			return;
		}
		cmd = NGM_KSOCKET_BIND;
		cs = "bind";
		break;
	case 4:
		cmd = NGM_KSOCKET_LISTEN;
		cs = "listen";
		break;
	case 5:
	case 6:
		cmd = NGM_KSOCKET_CONNECT;
		cs = "connect";
		break;
	case 7:
		cmd = NGM_KSOCKET_ACCEPT;
		cs = "accept";
		break;
	case 8:
		cmd = rng_pct(r, 50) ? NGM_KSOCKET_GETNAME :
				       NGM_KSOCKET_GETPEERNAME;
		cs = cmd == NGM_KSOCKET_GETNAME ? "getname" : "getpeername";
		break;
	default:
		cmd = rng_pct(r, 50) ? NGM_KSOCKET_SETOPT : NGM_KSOCKET_GETOPT;
		cs = cmd == NGM_KSOCKET_SETOPT ? "setopt" : "getopt";
		break;
	}
	body = palloc(rq, sizeof(*msg) + 2048);
	if (!body)
		return;
	msg = (struct ng_mesg *)body;
	memset(msg, 0, sizeof(*msg));
	msg->header.version = NG_VERSION;
	msg->header.typecookie = NGM_KSOCKET_COOKIE;
	msg->header.cmd = cmd;
	msg->header.token = (uint32_t)rng_next(r);
	scpy(msg->header.cmdstr, sizeof(msg->header.cmdstr), cs);
	switch (cmd) {
	case NGM_KSOCKET_BIND:
	case NGM_KSOCKET_CONNECT: {
		/* bind kM to its own port; connect to a peer of its kind */
		al = gen_sockaddr(r, g, kind, (uint8_t *)msg->data, 2048);
		if (al >= 4 && kind < 2 && rng_pct(r, 85)) {
			unsigned int peer = cmd == NGM_KSOCKET_BIND ? m :
					    (m ^ 2) % NNAMES;
			uint16_t port = htons((uint16_t)(g->port_base + peer));

			memcpy(msg->data + 2, &port, sizeof(port));
		}
		break;
	}
	case NGM_KSOCKET_LISTEN: {
		int32_t b = rng_pct(r, 90) ? (int32_t)rng_below(r, 16) : -1;

		memcpy(msg->data, &b, sizeof(b));
		al = sizeof(b);
		break;
	}
	case NGM_KSOCKET_SETOPT:
	case NGM_KSOCKET_GETOPT: {
		const struct cmdd cd = {
			NGM_KSOCKET_COOKIE, cmd, cs,
			cmd == NGM_KSOCKET_SETOPT ? AK_SOCKOPT : AK_OPTREQ, ""
		};

		al = gen_args(r, g, &cd, (uint8_t *)msg->data, 2048, 0);
		break;
	}
	default:
		break;
	}
	msg->header.arglen = (uint32_t)al;
	snprintf(p, sizeof(p), "k%u:", m);
	add_str(rq, NETGRAPH_A_PATH, p);
	if (rq->nattrs < REQ_MAX_ATTRS) {
		struct req_attr *a = &rq->a[rq->nattrs++];

		a->type = NETGRAPH_A_MSG;
		a->len = (uint32_t)(sizeof(*msg) + al);
		a->data = body;
	}
	rq->cmd = NETGRAPH_CMD_MSG;
	what(rq, "ks %.40s", cs);
}

/* A request with random command, flags and attributes */
static void op_random(struct rng *r, struct req *rq)
{
	unsigned int i, n = rng_below(r, 7);

	rq->cmd = rng_pct(r, 90) ? (uint8_t)rng_below(r, NETGRAPH_CMD_MAX + 4) :
				   (uint8_t)rng_next(r);
	if (rng_pct(r, 30))
		rq->nlflags = NLM_F_DUMP;
	for (i = 0; i < n; i++) {
		uint16_t t = rng_pct(r, 85) ?
			(uint16_t)rng_below(r, NETGRAPH_A_MAX + 3) :
			(uint16_t)rng_next(r);
		size_t len = rng_pct(r, 90) ? rng_below(r, 80) :
					      rng_below(r, 4000);
		struct req_attr *a = add_attr(rq, t, NULL, len);

		if (!a)
			break;
		rng_bytes(r, a->data, a->len);
		if (a->len && rng_pct(r, 60))
			a->data[a->len - 1] = '\0';
	}
	what(rq, "random cmd %.40s", "");
	snprintf(rq->what, sizeof(rq->what), "random cmd %u", rq->cmd);
}

/* Mutations at the attribute and header level */
static void mutate(struct rng *r, struct req *rq)
{
	unsigned int i, k = 1 + rng_below(r, 3);

	for (i = 0; i < k; i++) {
		struct req_attr *a = rq->nattrs ?
			&rq->a[rng_below(r, rq->nattrs)] : NULL;
		unsigned int j;

		switch (rng_below(r, 12)) {
		case 0:	/* drop one */
			if (!a)
				break;
			j = (unsigned int)(a - rq->a);
			memmove(&rq->a[j], &rq->a[j + 1],
				(rq->nattrs - j - 1) * sizeof(*a));
			rq->nattrs--;
			break;
		case 1:	/* duplicate one */
			if (a && rq->nattrs < REQ_MAX_ATTRS)
				rq->a[rq->nattrs++] = *a;
			break;
		case 2: {	/* unknown attribute */
			static const uint16_t ts[] = {
				0, NETGRAPH_A_MAX + 1, NETGRAPH_A_MAX + 2, 31,
				0x3fff, NETGRAPH_A_NODE, NETGRAPH_A_HOOK,
				NETGRAPH_A_TYPEINFO, NETGRAPH_A_STATS,
			};
			struct req_attr *n = add_attr(rq, PICK(r, ts), NULL,
						      rng_below(r, 40));
			if (n)
				rng_bytes(r, n->data, n->len);
			break;
		}
		case 3:	/* another valid type */
			if (a)
				a->type = (uint16_t)(1 + rng_below(r,
							NETGRAPH_A_MAX));
			break;
		case 4:	/* nested / byte-order bits */
			if (a)
				a->type |= rng_pct(r, 50) ? NLA_F_NESTED :
							    NLA_F_NET_BYTEORDER;
			break;
		case 5:	/* string without its NUL */
			if (a && a->len)
				a->len--;
			else if (a && a->len == 0)
				a->len = 0;
			break;
		case 6: {	/* length 0 / 1 / 2 / 3 / 5 / 8 */
			static const uint32_t ls[] = { 0, 1, 2, 3, 5, 8 };
			uint32_t n = PICK(r, ls);
			uint8_t *p;

			if (!a)
				break;
			if (n > a->len) {
				p = palloc(rq, n);
				if (!p)
					break;
				memset(p, 0, n);
				memcpy(p, a->data, a->len);
				rng_bytes(r, p + a->len, n - a->len);
				a->data = p;
			}
			a->len = n;
			break;
		}
		case 7: {	/* at, just past, far past the limit */
			static const uint32_t ls[] = { 511, 512, 513, 1024,
						       4096, REQ_MAX_PAYLOAD };
			uint32_t n = PICK(r, ls);
			uint8_t *p;

			if (!a)
				break;
			p = palloc(rq, n + 1);
			if (!p)
				break;
			memset(p, 'a' + rng_below(r, 26), n);
			if (rng_pct(r, 30))
				memcpy(p, "f1:", 3);
			p[n] = '\0';
			a->data = p;
			a->len = rng_pct(r, 70) ? n + 1 : n;
			if (a->len > REQ_MAX_PAYLOAD)
				a->len = REQ_MAX_PAYLOAD;
			break;
		}
		case 8:	/* flip bytes */
			if (a && a->len) {
				unsigned int f, nf = 1 + rng_below(r, 4);

				for (f = 0; f < nf; f++)
					a->data[rng_below(r, a->len)] ^=
						(uint8_t)(1 + rng_below(r, 255));
			}
			break;
		case 9:	/* trailing garbage: a broken attribute header */
			rq->taillen = rng_below(r, sizeof(rq->tail) + 1);
			rng_bytes(r, rq->tail, rq->taillen);
			if (rq->taillen >= 2) {
				static const uint16_t bl[] = { 0, 1, 3, 4, 200,
							       0xffff };
				uint16_t l = PICK(r, bl);

				memcpy(rq->tail, &l, sizeof(l));
			}
			break;
		case 10:	/* do <-> dump, odd netlink flags */
			if (rng_pct(r, 60))
				rq->nlflags ^= NLM_F_DUMP;
			else
				rq->nlflags |= (uint16_t)(rng_next(r) &
					(NLM_F_ECHO | NLM_F_ATOMIC |
					 NLM_F_REPLACE | NLM_F_EXCL |
					 NLM_F_CREATE | NLM_F_APPEND));
			break;
		default:	/* genetlink version */
			rq->version = rng_pct(r, 50) ? 0 :
						       (uint8_t)rng_next(r);
			break;
		}
	}
	strncat(rq->what, " (mutated)", sizeof(rq->what) - strlen(rq->what) - 1);
}

/* -A: whatever the mutations made of it, a CONNECT's peer does not exist */
static void no_cycles(struct req *rq)
{
	static const char nx[] = "nonexistent:";
	int i;

	for (i = 0; i < rq->nattrs; i++) {
		struct req_attr *a = &rq->a[i];
		bool nul = a->len && !a->data[a->len - 1];
		uint8_t *p;

		if ((a->type & NLA_TYPE_MASK) != NETGRAPH_A_PEERPATH || !a->len)
			continue;
		p = palloc(rq, sizeof(nx));
		if (!p) {
			a->len = 0;
			continue;
		}
		memcpy(p, nx, sizeof(nx));
		a->data = p;
		a->len = nul ? sizeof(nx) : sizeof(nx) - 1;
	}
}

void gen_request(const struct gen_ctx *g, uint64_t index, struct req *rq)
{
	struct rng r;
	unsigned int k;

	rng_seed(&r, g->seed, g->worker, index);
	rq->cmd = 0;
	rq->version = NETGRAPH_GENL_VERSION;
	rq->nlflags = 0;
	rq->action = ACT_SEND;
	rq->nattrs = 0;
	rq->taillen = 0;
	rq->used = 0;
	rq->what[0] = '\0';

	if (rng_below(&r, 1000) < 3) {
		rq->action = ACT_RECONNECT;
		op_sock(&r, g, rq);
		rq->cmd = NETGRAPH_CMD_SOCK_NEW;
		rq->nattrs = 0;
		{
			char n[32];

			gen_sock_name(g->worker, n, sizeof(n));
			add_str(rq, NETGRAPH_A_NAME, n);
		}
		what(rq, "reconnect + sock_new%.40s", "");
		return;
	}
	k = rng_below(&r, 1000);
	if (k < 80) {
		op_random(&r, rq);
		return;
	}
	k = rng_below(&r, 1000);
	if (k < 110)
		op_mkpeer(&r, g, rq);
	else if (k < 190)
		op_name(&r, g, rq);
	else if (k < 250)
		op_connect(&r, g, rq);
	else if (k < 300)
		op_rmhook(&r, g, rq);
	else if (k < 340)
		op_shutdown(&r, g, rq);
	else if (k < 420)
		op_read(&r, g, rq);
	else if (k < 620)
		op_msg(&r, g, rq);
	else if (k < 680)
		op_inject(&r, g, rq);
	else if (k < 730)
		op_sock(&r, g, rq);
	else
		op_ksock(&r, g, rq);
	if (rng_pct(&r, 18))
		mutate(&r, rq);
	if (g->avoid_known && rq->cmd == NETGRAPH_CMD_CONNECT)
		no_cycles(rq);
}
