// SPDX-License-Identifier: GPL-2.0
/*
 * ngfuzz -F: systematic fault injection over every control operation.
 *
 * For each entry of the table below: build what the operation needs
 * (setup), record the namespace's graph, send the operation with
 * /proc/thread-self/fail-nth set to n, then undo what it made; n = 1, 2,
 * ... until the n-th allocation is no longer reached and the operation
 * succeeds.  Each failure must be clean: an errno, and the graph exactly
 * as before.  Leaks and sanitizer reports are judged by the kernel's
 * scans (the runner), not here.  ENOBUFS is netlink losing the request
 * or its answer: the operation may then have happened, and only the
 * scans judge it.
 *
 * Only the send is armed, so the allocations counted are those of the
 * request (netlink's copy of it, the family's work, the answer); work
 * the request queues runs in workers that fail-nth does not touch.
 *
 * Output: one line per operation, "PASS|desc", "FAIL|desc|why" or
 * "SKIP|desc|why", for selftests/ng_failnth.sh to turn into TAP.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include <netgraph.h>
#include <netgraph_genl.h>
#include <ng_hub.h>

#include "ngfuzz.h"

/*
 * One operation: setup, op and undo are steps separated by newlines, in
 * a small ngctl-like language (run_step()).  Setup and undo ignore their
 * errors (setup may meet what a failed op left, undo what it never made).
 */
struct fop {
	const char *desc;
	const char *setup;
	const char *op;
	const char *undo;
	int done;	/* the errno that means success, if not 0 */
};

#define FOP(d, s, o, u)	{ .desc = d, .setup = s, .op = o, .undo = u }
#define FOP_DONE(d, s, o, u, e) \
	{ .desc = d, .setup = s, .op = o, .undo = u, .done = e }

/* h: is a persistent hub every sweep starts from; ports 6100.. local */
static const struct fop fops[] = {
	FOP("mkpeer", "", "mkpeer h: hub a b", "rmhook h: a"),
	FOP("mkpeer ksocket (UDP)", "", "mkpeer h: ksocket k inet/dgram/udp",
	    "rmhook h: k"),
	FOP("mkpeer ksocket (TCP over IPv6)", "",
	    "mkpeer h: ksocket k inet6/stream/tcp", "rmhook h: k"),
	FOP("connect", "mkpeer h: hub c d\nname h:c c", "connect h: c: e f",
	    "shutdown c:"),
	FOP("name", "mkpeer h: hub nn x", "name h:nn named",
	    "shutdown h:nn"),
	FOP("shutdown", "mkpeer h: hub s x", "shutdown h:s", "rmhook h: s"),
	FOP("rmhook", "mkpeer h: hub r x", "rmhook h: r", "rmhook h: r"),
	FOP("get node", "", "node h:", ""),
	FOP("get node (dump)", "", "nodes", ""),
	FOP("get hooks (dump)", "mkpeer h: hub gh x", "hooks h:",
	    "rmhook h: gh"),
	FOP("get types (dump)", "", "types", ""),
	FOP("get stats", "", "stats", ""),
	FOP("inject", "mkpeer h: hole i x", "inject h:i x 1 2 3 4",
	    "rmhook h: i"),
	FOP("msg nodeinfo", "", "msg h: nodeinfo", ""),
	FOP("msg listhooks", "", "msg h: listhooks", ""),
	FOP("msg listnodes", "", "msg h: listnodes", ""),
	FOP("msg listtypes", "", "msg h: listtypes", ""),
	FOP("msg mkpeer (generic)", "",
	    "msg h: mkpeer { type=\"hub\" ourhook=\"m\" peerhook=\"x\" }",
	    "rmhook h: m"),
	FOP("msg ascii2binary", "", "a2b h: mkpeer { type=\"hub\" ourhook=\"m\" }",
	    ""),
	FOP("msg binary2ascii", "", "b2a h: nodeinfo", ""),
	FOP("ksocket bind", "mkpeer h: ksocket b inet/dgram/udp",
	    "msg h:b bind inet/127.0.0.1:6100", "rmhook h: b"),
	FOP("ksocket connect (UDP)", "mkpeer h: ksocket u inet/dgram/udp",
	    "msg h:u connect inet/127.0.0.1:6102", "rmhook h: u"),
	FOP("ksocket send (inject into a connected UDP ksocket)",
	    "mkpeer h: ksocket u inet/dgram/udp\n"
	    "msg h:u connect inet/127.0.0.1:6102",
	    "inject h:u inet/dgram/udp 1 2 3 4", "rmhook h: u"),
	FOP("ksocket listen", "mkpeer h: ksocket l inet/stream/tcp\n"
	    "msg h:l bind inet/127.0.0.1:6101", "msg h:l listen 4",
	    "rmhook h: l"),
	FOP("ksocket accept", "mkpeer h: ksocket l inet/stream/tcp\n"
	    "msg h:l bind inet/127.0.0.1:6103\nmsg h:l listen 4",
	    "msg h:l accept", "rmhook h: l"),
	FOP_DONE("ksocket connect (TCP, refused)",
	    "mkpeer h: ksocket t inet/stream/tcp",
	    "msg h:t connect inet/127.0.0.1:6104", "rmhook h: t", EINPROGRESS),
	FOP("ksocket setopt", "mkpeer h: ksocket o inet/dgram/udp",
	    "msg h:o setopt { level=1 name=36 value=[ 1 0 0 0 ] }",
	    "rmhook h: o"),
	FOP("ksocket getopt", "mkpeer h: ksocket o inet/dgram/udp",
	    "msg h:o getopt { level=1 name=7 }", "rmhook h: o"),
	FOP("ksocket getname", "mkpeer h: ksocket o inet/dgram/udp\n"
	    "msg h:o bind inet/127.0.0.1:6105", "msg h:o getname",
	    "rmhook h: o"),
	FOP("socket node new", "", "aux socknew sn", "auxreset"),
	FOP("socket node attach", "aux socknew sa", "sockattach sa: data",
	    "auxreset"),
	FOP("socket node data", "aux socknew sd\nmkpeer sd: hole x y",
	    "aux sockdata x 1 2 3 4", "auxreset"),
	FOP("socket node msg", "aux socknew sm", "aux msgfrom h: nodeinfo",
	    "auxreset"),
};

#define MAX_TOKENS	8
#define STATE_SIZE	(64 * 1024)

struct sweeper {
	struct conn main, aux, base;	/* base: owns the node making h: */
	struct fail_nth fn;
	struct req *rq;
	uint8_t *sbuf, *rbuf;
	uint8_t reply[8192];	/* the last MSG answer's ng_mesg */
	size_t replylen;
	char *state;		/* the graph as text (graph_state()) */
	size_t statelen;
	char why[256];
	uint32_t aux_node;	/* the socket node aux made, 0 if none */
};

int fail_nth_arm(struct fail_nth *f)
{
	char b[16];
	int l = snprintf(b, sizeof(b), "%u", f->nth);

	f->hit = false;
	return pwrite(f->fd, b, (size_t)l, 0) == l ? 0 : -1;
}

/* Disarm; f->hit tells whether the armed allocation was reached */
int fail_nth_disarm(struct fail_nth *f)
{
	char b[16];
	ssize_t n = pread(f->fd, b, sizeof(b) - 1, 0);

	if (n <= 0)
		return -1;
	b[n] = '\0';
	f->hit = atoi(b) == 0;
	return pwrite(f->fd, "0", 1, 0) == 1 ? 0 : -1;
}

/* ------------------------------------------------------------ requests */

static void req_init(struct req *rq, uint8_t cmd, bool dump)
{
	rq->cmd = cmd;
	rq->version = NETGRAPH_GENL_VERSION;
	rq->nlflags = dump ? NLM_F_DUMP : 0;
	rq->action = ACT_SEND;
	rq->nattrs = 0;
	rq->taillen = 0;
	rq->used = 0;
}

static void *req_put(struct req *rq, uint16_t type, const void *p,
		     size_t len)
{
	struct req_attr *a = &rq->a[rq->nattrs++];

	a->type = type;
	a->len = (uint32_t)len;
	a->data = rq->pool + rq->used;
	if (p)
		memcpy(a->data, p, len);
	rq->used += (len + 3) & ~(size_t)3;
	return a->data;
}

static void req_str(struct req *rq, uint16_t type, const char *s)
{
	req_put(rq, type, s, strlen(s) + 1);
}

static void req_u32(struct req *rq, uint16_t type, uint32_t v)
{
	req_put(rq, type, &v, sizeof(v));
}

/* A MSG attribute: an ng_mesg with len bytes of arguments from p */
static void req_mesg(struct req *rq, uint32_t cookie, uint32_t cmd,
		     const char *cmdstr, const void *p, size_t len)
{
	struct ng_mesg *m = req_put(rq, NETGRAPH_A_MSG, NULL,
				    sizeof(*m) + len);

	memset(m, 0, sizeof(*m));
	m->header.version = NG_VERSION;
	m->header.arglen = (uint32_t)len;
	m->header.cmd = cmd;
	m->header.flags = NGF_ORIG;
	m->header.typecookie = cookie;
	snprintf(m->header.cmdstr, sizeof(m->header.cmdstr), "%s", cmdstr);
	if (len)
		memcpy(m->data, p, len);
}

/* Keep the ng_mesg of a MSG answer in sw->reply */
static void keep_reply(const struct nlmsghdr *nlh, void *arg)
{
	struct sweeper *sw = arg;
	struct genlmsghdr *gh = nlmsg_data(nlh);
	struct nlattr *tb[NETGRAPH_A_MAX + 1];

	if (nla_parse(tb, NETGRAPH_A_MAX, genlmsg_attrdata(gh, 0),
		      genlmsg_attrlen(gh, 0), NULL) < 0 || !tb[NETGRAPH_A_MSG])
		return;
	sw->replylen = (size_t)nla_len(tb[NETGRAPH_A_MSG]);
	if (sw->replylen > sizeof(sw->reply))
		sw->replylen = sizeof(sw->reply);
	memcpy(sw->reply, nla_data(tb[NETGRAPH_A_MSG]), sw->replylen);
}

static int send_req(struct sweeper *sw, struct conn *c, reply_fn fn,
		    void *arg, bool armed)
{
	size_t len = serialize(sw->rq, c->seq++, sw->sbuf);
	int r = transact_nth(c, sw->sbuf, len, sw->rbuf, fn, arg,
			     armed ? &sw->fn : NULL);

	return r < 0 ? ETIMEDOUT : r;
}

/*
 * ASCII text -> the binary message (NGM_ASCII2BINARY to the node at
 * path), left in sw->reply as the ng_mesg answer's argument.
 */
static int ascii2binary(struct sweeper *sw, const char *path,
			const char *cmdstr, const char *text, bool armed)
{
	size_t tl = strlen(text) + 1;
	uint8_t inner[sizeof(struct ng_mesg) + 1024];
	struct ng_mesg *m = (struct ng_mesg *)inner;
	int r;

	if (tl > 1024)
		return E2BIG;
	memset(m, 0, sizeof(*m));
	snprintf(m->header.cmdstr, sizeof(m->header.cmdstr), "%s", cmdstr);
	m->header.arglen = (uint32_t)tl;
	memcpy(m->data, text, tl);
	req_init(sw->rq, NETGRAPH_CMD_MSG, false);
	req_str(sw->rq, NETGRAPH_A_PATH, path);
	req_mesg(sw->rq, NGM_GENERIC_COOKIE, NGM_ASCII2BINARY, "ascii2binary",
		 m, sizeof(*m) + tl);
	sw->replylen = 0;
	r = send_req(sw, &sw->main, keep_reply, sw, armed);
	if (r)
		return r;
	m = (struct ng_mesg *)sw->reply;
	if (sw->replylen < 2 * sizeof(*m) ||
	    m->header.arglen > sw->replylen - sizeof(*m) ||
	    ((struct ng_mesg *)m->data)->header.arglen >
		    m->header.arglen - sizeof(*m))
		return EBADMSG;
	return 0;
}

/* Bytes (decimal values) from tokens into buf; returns how many */
static size_t bytes_of(char **tok, int n, uint8_t *buf, size_t max)
{
	size_t len = 0;
	int i;

	for (i = 0; i < n && len < max; i++)
		buf[len++] = (uint8_t)strtoul(tok[i], NULL, 0);
	return len;
}

/* A reply's NODE: its ID into *(uint32_t *)arg. */
static void on_new_node(const struct nlmsghdr *nlh, void *arg)
{
	struct genlmsghdr *gh = nlmsg_data(nlh);
	struct nlattr *tb[NETGRAPH_A_MAX + 1], *nb[NETGRAPH_NODE_A_MAX + 1];

	if (nla_parse(tb, NETGRAPH_A_MAX, genlmsg_attrdata(gh, 0),
		      genlmsg_attrlen(gh, 0), NULL) >= 0 && tb[NETGRAPH_A_NODE] &&
	    nla_parse_nested(nb, NETGRAPH_NODE_A_MAX, tb[NETGRAPH_A_NODE],
			     NULL) >= 0 && nb[NETGRAPH_NODE_A_ID])
		*(uint32_t *)arg = nla_get_u32(nb[NETGRAPH_NODE_A_ID]);
}

/*
 * auxreset: close the aux socket and wait (at most 5 s) until the socket
 * node it owned is gone: the kernel removes it from a work item, and a
 * dying node still in the next graph_state() would look like a change.
 */
static int aux_reset(struct sweeper *sw)
{
	char path[16];
	int i, r;

	conn_close(&sw->aux);
	if (conn_open(&sw->aux))
		return EIO;
	if (!sw->aux_node)
		return 0;
	snprintf(path, sizeof(path), "[%x]:", sw->aux_node);
	sw->aux_node = 0;
	for (i = 0; i < 5000; i++) {
		req_init(sw->rq, NETGRAPH_CMD_GET_NODE, false);
		req_str(sw->rq, NETGRAPH_A_PATH, path);
		r = send_req(sw, &sw->main, NULL, NULL, false);
		if (r == ENOENT)
			return 0;
		if (r && r != ENXIO)	/* ENXIO: it is shutting down */
			return r;
		usleep(1000);
	}
	return ETIMEDOUT;
}

/*
 * One step:
 *   mkpeer PATH TYPE OURHOOK PEERHOOK    connect PATH PEERPATH OURS PEERS
 *   name PATH NAME    rmhook PATH HOOK    shutdown PATH    node PATH
 *   nodes    hooks PATH    types    stats
 *   inject PATH HOOK BYTE...: the bytes arrive at PATH on its HOOK
 *   msg PATH CMD [ASCII]: ascii2binary (never armed), then the message
 *   a2b PATH CMD [ASCII]: the ascii2binary request alone
 *   b2a PATH CMD: a binary message (from ascii2binary) back to ASCII
 *   sockattach PATH ctl|data (from the main socket, for aux's node)
 *   aux socknew NAME | aux sockdata HOOK BYTE... | aux msgfrom PATH CMD
 *   auxreset: close the aux socket (its socket node goes), reopen it, and
 *   wait until that node is gone
 * Returns 0 or an errno.
 */
static int run_step(struct sweeper *sw, const char *line, bool armed)
{
	char buf[512], *tok[MAX_TOKENS + 1], *rest = NULL, *save;
	struct conn *c = &sw->main;
	struct req *rq = sw->rq;
	uint8_t bytes[64];
	int n = 0, r;

	snprintf(buf, sizeof(buf), "%s", line);
	for (tok[n] = strtok_r(buf, " ", &save); tok[n] && n < MAX_TOKENS;
	     tok[n] = strtok_r(NULL, " ", &save)) {
		n++;
		/* msg/a2b/msgfrom: the rest of the line is ASCII text */
		if (n == 3 && (!strcmp(tok[0], "msg") ||
			       !strcmp(tok[0], "a2b") ||
			       !strcmp(tok[0], "msgfrom"))) {
			rest = save;
			break;
		}
	}
	if (!n)
		return 0;
	if (!strcmp(tok[0], "aux")) {
		c = &sw->aux;
		memmove(tok, tok + 1, (size_t)n * sizeof(*tok));
		n--;
		if (n == 2 && !strcmp(tok[0], "msgfrom"))
			rest = save;
	}
#define NEED(k) do { if (n != (k)) return EINVAL; } while (0)
	if (!strcmp(tok[0], "mkpeer")) {
		NEED(5);
		req_init(rq, NETGRAPH_CMD_MKPEER, false);
		req_str(rq, NETGRAPH_A_PATH, tok[1]);
		req_str(rq, NETGRAPH_A_TYPE, tok[2]);
		req_str(rq, NETGRAPH_A_OURHOOK, tok[3]);
		req_str(rq, NETGRAPH_A_PEERHOOK, tok[4]);
	} else if (!strcmp(tok[0], "connect")) {
		NEED(5);
		req_init(rq, NETGRAPH_CMD_CONNECT, false);
		req_str(rq, NETGRAPH_A_PATH, tok[1]);
		req_str(rq, NETGRAPH_A_PEERPATH, tok[2]);
		req_str(rq, NETGRAPH_A_OURHOOK, tok[3]);
		req_str(rq, NETGRAPH_A_PEERHOOK, tok[4]);
	} else if (!strcmp(tok[0], "name")) {
		NEED(3);
		req_init(rq, NETGRAPH_CMD_NAME, false);
		req_str(rq, NETGRAPH_A_PATH, tok[1]);
		req_str(rq, NETGRAPH_A_NAME, tok[2]);
	} else if (!strcmp(tok[0], "rmhook")) {
		NEED(3);
		req_init(rq, NETGRAPH_CMD_RMHOOK, false);
		req_str(rq, NETGRAPH_A_PATH, tok[1]);
		req_str(rq, NETGRAPH_A_OURHOOK, tok[2]);
	} else if (!strcmp(tok[0], "shutdown") || !strcmp(tok[0], "node")) {
		NEED(2);
		req_init(rq, tok[0][0] == 's' ? NETGRAPH_CMD_SHUTDOWN :
			 NETGRAPH_CMD_GET_NODE, false);
		req_str(rq, NETGRAPH_A_PATH, tok[1]);
	} else if (!strcmp(tok[0], "nodes") || !strcmp(tok[0], "types")) {
		NEED(1);
		req_init(rq, tok[0][0] == 'n' ? NETGRAPH_CMD_GET_NODE :
			 NETGRAPH_CMD_GET_TYPE, true);
	} else if (!strcmp(tok[0], "hooks")) {
		NEED(2);
		req_init(rq, NETGRAPH_CMD_GET_HOOKS, true);
		req_str(rq, NETGRAPH_A_PATH, tok[1]);
	} else if (!strcmp(tok[0], "stats")) {
		NEED(1);
		req_init(rq, NETGRAPH_CMD_GET_STATS, false);
	} else if (!strcmp(tok[0], "inject")) {
		if (n < 4)
			return EINVAL;
		req_init(rq, NETGRAPH_CMD_INJECT, false);
		req_str(rq, NETGRAPH_A_PATH, tok[1]);
		req_str(rq, NETGRAPH_A_OURHOOK, tok[2]);
		req_put(rq, NETGRAPH_A_DATA, bytes,
			bytes_of(tok + 3, n - 3, bytes, sizeof(bytes)));
	} else if (!strcmp(tok[0], "msg") || !strcmp(tok[0], "b2a") ||
		   !strcmp(tok[0], "msgfrom")) {
		struct ng_mesg *bin;
		bool b2a = !strcmp(tok[0], "b2a");

		if (n != 3 && !(n == 2 && !rest))
			return EINVAL;
		r = ascii2binary(sw, tok[1], tok[2], rest ? rest : "", false);
		if (r)
			return r;
		bin = (struct ng_mesg *)((struct ng_mesg *)sw->reply)->data;
		bin->header.version = NG_VERSION;
		bin->header.flags = NGF_ORIG;
		req_init(rq, NETGRAPH_CMD_MSG, false);
		req_str(rq, NETGRAPH_A_PATH, tok[1]);
		if (b2a)
			req_mesg(rq, NGM_GENERIC_COOKIE, NGM_BINARY2ASCII,
				 "binary2ascii", bin,
				 sizeof(*bin) + bin->header.arglen);
		else
			req_mesg(rq, bin->header.typecookie, bin->header.cmd,
				 bin->header.cmdstr, bin->data,
				 bin->header.arglen);
		if (!strcmp(tok[0], "msgfrom"))
			req_u32(rq, NETGRAPH_A_FLAGS, NETGRAPH_F_FROM_NODE);
	} else if (!strcmp(tok[0], "a2b")) {
		if (n != 3)
			return EINVAL;
		return ascii2binary(sw, tok[1], tok[2], rest ? rest : "",
				    armed);
	} else if (!strcmp(tok[0], "sockattach")) {
		NEED(3);
		req_init(rq, NETGRAPH_CMD_SOCK_ATTACH, false);
		req_str(rq, NETGRAPH_A_PATH, tok[1]);
		req_u32(rq, NETGRAPH_A_CHANNEL, !strcmp(tok[2], "ctl") ?
			NETGRAPH_SOCK_CHAN_CTL : NETGRAPH_SOCK_CHAN_DATA);
	} else if (!strcmp(tok[0], "socknew")) {
		NEED(2);
		req_init(rq, NETGRAPH_CMD_SOCK_NEW, false);
		req_str(rq, NETGRAPH_A_NAME, tok[1]);
		if (c == &sw->aux)
			return send_req(sw, c, on_new_node, &sw->aux_node,
					armed);
	} else if (!strcmp(tok[0], "sockdata")) {
		if (n < 3)
			return EINVAL;
		req_init(rq, NETGRAPH_CMD_SOCK_DATA, false);
		req_str(rq, NETGRAPH_A_OURHOOK, tok[1]);
		req_put(rq, NETGRAPH_A_DATA, bytes,
			bytes_of(tok + 2, n - 2, bytes, sizeof(bytes)));
	} else if (!strcmp(tok[0], "auxreset")) {
		return aux_reset(sw);
	} else {
		return EINVAL;
	}
#undef NEED
	return send_req(sw, c, NULL, NULL, armed);
}

static void run_steps(struct sweeper *sw, const char *steps)
{
	char line[512];
	const char *p = steps, *nl;

	while (*p) {
		nl = strchr(p, '\n');
		snprintf(line, sizeof(line), "%.*s",
			 (int)(nl ? nl - p : (long)strlen(p)), p);
		(void)run_step(sw, line, false);
		if (!nl)
			break;
		p = nl + 1;
	}
}

/* ------------------------------------------------------------ state */

static void state_add(struct sweeper *sw, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void state_add(struct sweeper *sw, const char *fmt, ...)
{
	va_list ap;
	int l;

	if (sw->statelen >= STATE_SIZE - 1)
		return;
	va_start(ap, fmt);
	l = vsnprintf(sw->state + sw->statelen, STATE_SIZE - sw->statelen,
		      fmt, ap);
	va_end(ap);
	if (l > 0)
		sw->statelen += (size_t)l;
	if (sw->statelen >= STATE_SIZE)
		sw->statelen = STATE_SIZE - 1;
}

static void node_text(struct sweeper *sw, struct nlattr *node)
{
	struct nlattr *nb[NETGRAPH_NODE_A_MAX + 1];

	if (!node || nla_parse_nested(nb, NETGRAPH_NODE_A_MAX, node, NULL) < 0)
		return;
	state_add(sw, "[%x] %.32s %.32s %u",
		  nb[NETGRAPH_NODE_A_ID] ? nla_get_u32(nb[NETGRAPH_NODE_A_ID]) : 0,
		  nb[NETGRAPH_NODE_A_NAME] ?
			  (char *)nla_data(nb[NETGRAPH_NODE_A_NAME]) : "-",
		  nb[NETGRAPH_NODE_A_TYPE] ?
			  (char *)nla_data(nb[NETGRAPH_NODE_A_TYPE]) : "?",
		  nb[NETGRAPH_NODE_A_NUMHOOKS] ?
			  nla_get_u32(nb[NETGRAPH_NODE_A_NUMHOOKS]) : 0);
}

struct ids {
	unsigned int n;
	uint32_t id[256];
};

static void on_node(const struct nlmsghdr *nlh, void *arg)
{
	struct sweeper *sw = ((void **)arg)[0];
	struct ids *ids = ((void **)arg)[1];
	struct genlmsghdr *gh = nlmsg_data(nlh);
	struct nlattr *tb[NETGRAPH_A_MAX + 1], *nb[NETGRAPH_NODE_A_MAX + 1];

	if (nla_parse(tb, NETGRAPH_A_MAX, genlmsg_attrdata(gh, 0),
		      genlmsg_attrlen(gh, 0), NULL) < 0 || !tb[NETGRAPH_A_NODE])
		return;
	node_text(sw, tb[NETGRAPH_A_NODE]);
	state_add(sw, "\n");
	if (nla_parse_nested(nb, NETGRAPH_NODE_A_MAX, tb[NETGRAPH_A_NODE],
			     NULL) >= 0 && nb[NETGRAPH_NODE_A_ID] &&
	    ids->n < 256)
		ids->id[ids->n++] = nla_get_u32(nb[NETGRAPH_NODE_A_ID]);
}

static void on_hook(const struct nlmsghdr *nlh, void *arg)
{
	struct sweeper *sw = arg;
	struct genlmsghdr *gh = nlmsg_data(nlh);
	struct nlattr *tb[NETGRAPH_A_MAX + 1], *hb[NETGRAPH_HOOK_A_MAX + 1];

	if (nla_parse(tb, NETGRAPH_A_MAX, genlmsg_attrdata(gh, 0),
		      genlmsg_attrlen(gh, 0), NULL) < 0 || !tb[NETGRAPH_A_HOOK] ||
	    nla_parse_nested(hb, NETGRAPH_HOOK_A_MAX, tb[NETGRAPH_A_HOOK],
			     NULL) < 0)
		return;
	state_add(sw, "  %.32s -> %.32s of ",
		  hb[NETGRAPH_HOOK_A_NAME] ?
			  (char *)nla_data(hb[NETGRAPH_HOOK_A_NAME]) : "?",
		  hb[NETGRAPH_HOOK_A_PEERHOOK] ?
			  (char *)nla_data(hb[NETGRAPH_HOOK_A_PEERHOOK]) : "?");
	node_text(sw, hb[NETGRAPH_HOOK_A_PEER]);
	state_add(sw, "\n");
}

/* The namespace's graph as text in sw->state: nodes, each with its hooks */
static int graph_state_once(struct sweeper *sw)
{
	static struct ids ids;
	void *arg[2] = { sw, &ids };
	char path[16];
	unsigned int i;
	int r;

	sw->statelen = 0;
	ids.n = 0;
	req_init(sw->rq, NETGRAPH_CMD_GET_NODE, true);
	r = send_req(sw, &sw->main, on_node, arg, false);
	for (i = 0; !r && i < ids.n; i++) {
		state_add(sw, "[%x]:\n", ids.id[i]);
		snprintf(path, sizeof(path), "[%x]:", ids.id[i]);
		req_init(sw->rq, NETGRAPH_CMD_GET_HOOKS, true);
		req_str(sw->rq, NETGRAPH_A_PATH, path);
		r = send_req(sw, &sw->main, on_hook, sw, false);
	}
	sw->state[sw->statelen] = '\0';
	return r;
}

/*
 * The graph as text.  A node listed and gone (ENOENT) or going (ENXIO)
 * before its hooks are read is a socket node whose socket was just
 * closed, dying in a work item (auxreset cannot wait for one whose reply
 * was lost to a failed allocation): read again, for at most 5 s.
 */
static int graph_state(struct sweeper *sw)
{
	int i, r = 0;

	for (i = 0; i < 5000; i++) {
		r = graph_state_once(sw);
		if (r != ENOENT && r != ENXIO)
			break;
		usleep(1000);
	}
	return r;
}

/* ------------------------------------------------------------ the sweep */

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/*
 * A persistent hub "h" to start from; its maker, socket node fnbase,
 * stays with sw->base, and sw->aux is a fresh socket again.
 */
static int base_graph(struct sweeper *sw)
{
	int r;

	r = run_step(sw, "aux socknew fnbase", false);
	if (!r)
		r = run_step(sw, "mkpeer fnbase: hub x y", false);
	if (!r)
		r = run_step(sw, "name fnbase:x h", false);
	if (r)
		return r;
	req_init(sw->rq, NETGRAPH_CMD_MSG, false);
	req_str(sw->rq, NETGRAPH_A_PATH, "h:");
	req_mesg(sw->rq, NGM_HUB_COOKIE, NGM_HUB_SET_PERSISTENT,
		 "setpersistent", NULL, 0);
	r = send_req(sw, &sw->main, NULL, NULL, false);
	if (r)
		return r;
	sw->base = sw->aux;
	sw->aux_node = 0;	/* fnbase stays, with sw->base */
	return conn_open(&sw->aux) ? EIO : 0;
}

/*
 * Sweep one operation; returns 0 (clean), 1 (a finding, in sw->why) or
 * 2 (the time ran out, sw->why says where).
 */
static int sweep_one(struct sweeper *sw, const struct fop *f,
		     unsigned int maxn, double t_end, unsigned int *allocs,
		     unsigned int *failed, unsigned int *lost)
{
	char *before = malloc(STATE_SIZE);
	unsigned int n;
	int r, ret = 1;

	if (!before) {
		snprintf(sw->why, sizeof(sw->why), "out of memory");
		return 1;
	}
	*failed = *lost = 0;
	for (n = 1; n <= maxn; n++) {
		if (now() >= t_end) {
			snprintf(sw->why, sizeof(sw->why),
				 "stopped at allocation %u, no time left (%u failures so far, each clean)",
				 n, *failed);
			ret = 2;
			goto out;
		}
		run_steps(sw, f->setup);
		if (graph_state(sw)) {
			snprintf(sw->why, sizeof(sw->why),
				 "allocation %u: cannot read the graph", n);
			goto out;
		}
		memcpy(before, sw->state, sw->statelen + 1);
		sw->fn.nth = n;
		r = run_step(sw, f->op, true);
		if (f->done && r == f->done)
			r = 0;
		if (!sw->fn.hit) {
			/* no allocation n: the operation ran unharmed */
			if (r) {
				snprintf(sw->why, sizeof(sw->why),
					 "without a fault it failed: %s",
					 strerror(r));
				goto out;
			}
			run_steps(sw, f->undo);
			*allocs = n - 1;
			ret = 0;
			goto out;
		}
		if (r == ENOBUFS) {
			(*failed)++;
			(*lost)++;
		} else if (r == ETIMEDOUT) {
			snprintf(sw->why, sizeof(sw->why),
				 "allocation %u failed and no answer came", n);
			goto out;
		} else if (r) {
			(*failed)++;
			if (graph_state(sw) || strcmp(before, sw->state)) {
				snprintf(sw->why, sizeof(sw->why),
					 "allocation %u failed (%s) and the graph changed",
					 n, strerror(r));
				fprintf(stderr, "before:\n%safter:\n%s", before,
					sw->state);
				goto out;
			}
		}
		run_steps(sw, f->undo);
	}
	snprintf(sw->why, sizeof(sw->why), "still reaching allocation %u",
		 maxn);
out:
	free(before);
	return ret;
}

int failnth_sweep(const char *only, unsigned int maxn, double seconds)
{
	struct sweeper *sw = calloc(1, sizeof(*sw));
	double t_end = now() + seconds;
	unsigned int i, allocs = 0, failed, lost, ran = 0, bad = 0;
	int r;

	if (!sw)
		return 1;
	sw->rq = malloc(sizeof(*sw->rq));
	sw->sbuf = malloc(SBUF_SIZE);
	sw->rbuf = malloc(RBUF_SIZE);
	sw->state = malloc(STATE_SIZE);
	sw->fn.fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (!sw->rq || !sw->sbuf || !sw->rbuf || !sw->state) {
		fprintf(stderr, "ngfuzz: out of memory\n");
		return 1;
	}
	if (sw->fn.fd < 0) {
		fprintf(stderr, "ngfuzz: /proc/thread-self/fail-nth: %s\n",
			strerror(errno));
		return 4;
	}
	if (conn_open(&sw->main) || conn_open(&sw->aux)) {
		fprintf(stderr, "ngfuzz: cannot open a netlink socket\n");
		return 1;
	}
	r = base_graph(sw);
	if (r) {
		fprintf(stderr, "ngfuzz: cannot build the base graph: %s\n",
			strerror(r));
		return 1;
	}
	for (i = 0; i < sizeof(fops) / sizeof(fops[0]); i++) {
		const struct fop *f = &fops[i];

		if (only && !strstr(f->desc, only))
			continue;
		ran++;
		if (now() >= t_end) {
			printf("SKIP|%s|no time left in this run\n", f->desc);
			continue;
		}
		r = sweep_one(sw, f, maxn, t_end, &allocs, &failed, &lost);
		if (r == 0)
			printf("PASS|%s: %u allocations, %u failures (%u in netlink, ENOBUFS), each clean\n",
			       f->desc, allocs, failed, lost);
		else if (r == 2)
			printf("SKIP|%s|%s\n", f->desc, sw->why);
		else {
			printf("FAIL|%s|%s\n", f->desc, sw->why);
			bad++;
		}
		fflush(stdout);
	}
	run_step(sw, "shutdown h:", false);
	conn_close(&sw->base);
	conn_close(&sw->aux);
	conn_close(&sw->main);
	printf("ngfuzz: fail-nth sweep: %u operations, %u findings, %.1f s\n",
	       ran, bad, seconds - (t_end - now()));
	return bad ? 1 : 0;
}
