// SPDX-License-Identifier: GPL-2.0
/*
 * libnetgraph: FreeBSD's netgraph(3) on Linux, over raw generic netlink.
 *
 * A socket node uses three netlink sockets:
 *   os  the owner socket, private to the library: it made the node
 *       (NETGRAPH_CMD_SOCK_NEW) and carries every request that acts as the
 *       node; it only ever receives the kernel's answers, so a request
 *       simply waits for its acknowledgement;
 *   cs  the control socket: receives SOCK_MSG notifications (messages that
 *       arrived at the node, replies included);
 *   ds  the data socket: receives SOCK_DATA notifications (packets).
 * cs and ds are what the caller gets; a small table maps either back to
 * its node.  Closing cs (or exiting) shuts the node down in the kernel.
 */
#include <errno.h>
#include <err.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ctype.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "netgraph.h"
#include <netgraph/netgraph_genl.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define NGL_DEF_RCVBUF	(4 << 20)	/* per channel socket; NG_RCVBUF */
#define NGL_REPLY_WAIT	5000		/* ms NgSendMsg waits for an NGM_HASREPLY reply */
#define NGL_ATTR_MAX	32

struct ngl_node {
	int os, cs, ds;		/* ds is -1 without a data socket */
	int cs_hidden;		/* cs was not handed out (csp NULL) */
	uint32_t id;
};

static pthread_mutex_t ngl_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ngl_node *ngl_nodes;
static size_t ngl_count;
static uint16_t ngl_family;
static uint32_t ngl_seq;
static unsigned int ngl_token;

static int ngl_debug;
static void (*ngl_log)(const char *fmt, ...) = warn;
static void (*ngl_logx)(const char *fmt, ...) = warnx;

#define NGL_LOG(...)	do { if (ngl_debug >= 1) ngl_log(__VA_ARGS__); } while (0)
#define NGL_LOGX(...)	do { if (ngl_debug >= 1) ngl_logx(__VA_ARGS__); } while (0)
#define NGL_TRACE(...)	do { if (ngl_debug >= 2) ngl_logx(__VA_ARGS__); } while (0)

int NgSetDebug(int level)
{
	int old = ngl_debug;

	if (level >= 0)
		ngl_debug = level;
	return old;
}

void NgSetErrLog(void (*log)(const char *fmt, ...),
		 void (*logx)(const char *fmt, ...))
{
	ngl_log = log ? log : warn;
	ngl_logx = logx ? logx : warnx;
}

/* ---- a netlink request being built ---- */

struct ngl_req {
	char *buf;
	size_t len, cap;
};

static int ngl_req_grow(struct ngl_req *r, size_t more)
{
	size_t need = r->len + NLMSG_ALIGN(more);
	char *n;

	if (need <= r->cap)
		return 0;
	n = realloc(r->buf, need + 256);
	if (!n)
		return -1;
	memset(n + r->cap, 0, need + 256 - r->cap);
	r->buf = n;
	r->cap = need + 256;
	return 0;
}

static int ngl_req_init(struct ngl_req *r, uint8_t cmd)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;

	memset(r, 0, sizeof(*r));
	if (ngl_req_grow(r, NLMSG_HDRLEN + GENL_HDRLEN))
		return -1;
	nlh = (struct nlmsghdr *)r->buf;
	nlh->nlmsg_type = ngl_family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	g = (struct genlmsghdr *)(r->buf + NLMSG_HDRLEN);
	g->cmd = cmd;
	g->version = NETGRAPH_GENL_VERSION;
	r->len = NLMSG_HDRLEN + GENL_HDRLEN;
	return 0;
}

/* Append attribute @type; @data2 (may be NULL) follows @data in it. */
static int ngl_put2(struct ngl_req *r, uint16_t type, const void *data,
		    size_t len, const void *data2, size_t len2)
{
	struct nlattr *a;

	if (NLA_HDRLEN + len + len2 > UINT16_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	if (ngl_req_grow(r, NLA_HDRLEN + len + len2))
		return -1;
	a = (struct nlattr *)(r->buf + r->len);
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len + len2;
	if (len)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	if (len2)
		memcpy((char *)a + NLA_HDRLEN + len, data2, len2);
	r->len += NLA_ALIGN(a->nla_len);
	return 0;
}

static int ngl_put_str(struct ngl_req *r, uint16_t type, const char *s)
{
	return ngl_put2(r, type, s, strlen(s) + 1, NULL, 0);
}

static int ngl_put_u32(struct ngl_req *r, uint16_t type, uint32_t v)
{
	return ngl_put2(r, type, &v, sizeof(v), NULL, 0);
}

/* Index the attributes in [@p, @end) into @tb (the last of each wins). */
static void ngl_parse_range(const char *p, const char *end,
			    struct nlattr **tb, int max)
{
	memset(tb, 0, sizeof(*tb) * (max + 1));
	while (p + NLA_HDRLEN <= end) {
		struct nlattr *a = (struct nlattr *)p;
		int type = a->nla_type & NLA_TYPE_MASK;

		if (a->nla_len < NLA_HDRLEN || p + a->nla_len > end)
			break;
		if (type <= max)
			tb[type] = a;
		p += NLA_ALIGN(a->nla_len);
	}
}

/* Parse the attributes after the genetlink header of @nlh into @tb. */
static void ngl_parse(const struct nlmsghdr *nlh, struct nlattr **tb,
		      int max)
{
	ngl_parse_range((const char *)nlh + NLMSG_HDRLEN + GENL_HDRLEN,
			(const char *)nlh + nlh->nlmsg_len, tb, max);
}

#define NLA_DATA(a)	((void *)((char *)(a) + NLA_HDRLEN))
#define NLA_LEN(a)	((size_t)(a)->nla_len - NLA_HDRLEN)

/* ---- sockets ---- */

static int ngl_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int one = 1;
	int fd;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	return fd;
}

static void ngl_close_keep_errno(int fd)
{
	int e = errno;

	if (fd >= 0)
		close(fd);
	errno = e;
}

/* A channel socket takes what the kernel sends; drops are counted there. */
static void ngl_tune_channel(int fd)
{
	const char *env = getenv("NG_RCVBUF");
	int one = 1;
	int size = NGL_DEF_RCVBUF;

	if (env && atoi(env) > 0)
		size = atoi(env);
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &one, sizeof(one));
}

/* Receive one datagram into a malloc'ed buffer of its full size. */
static ssize_t ngl_recv_alloc(int fd, char **bufp)
{
	char probe;
	ssize_t n, len;
	char *buf;

	for (;;) {
		len = recv(fd, &probe, 1, MSG_PEEK | MSG_TRUNC);
		if (len < 0 && errno == EINTR)
			continue;
		if (len < 0)
			return -1;
		buf = malloc(len ? len : 1);
		if (!buf)
			return -1;
		n = recv(fd, buf, len, 0);
		if (n < 0) {
			int e = errno;

			free(buf);
			if (e == EINTR)
				continue;
			errno = e;
			return -1;
		}
		*bufp = buf;
		return n;
	}
}

/* Log the kernel's extended-ack message of an error answer, if any. */
static void ngl_log_extack(const struct nlmsghdr *nlh, int err)
{
	const struct nlmsgerr *e = NLMSG_DATA(nlh);
	const char *p, *end = (const char *)nlh + nlh->nlmsg_len;

	if (ngl_debug < 1 || !(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	p = (const char *)NLMSG_DATA(nlh) + sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		p += NLMSG_ALIGN(e->msg.nlmsg_len) - NLMSG_HDRLEN;
	while (p + NLA_HDRLEN <= end) {
		const struct nlattr *a = (const struct nlattr *)p;

		if (a->nla_len < NLA_HDRLEN || p + a->nla_len > end)
			break;
		if (a->nla_type == NLMSGERR_ATTR_MSG)
			ngl_logx("kernel: %.*s (%s)", (int)NLA_LEN(a),
				 (const char *)NLA_DATA(a), strerror(err));
		p += NLA_ALIGN(a->nla_len);
	}
}

/*
 * Send @r on @fd and wait for its acknowledgement.  A reply message of the
 * request, if any, is kept in *@replyp (malloc'ed) when @replyp is given.
 * Return: 0, or -1 with errno (the kernel's error).
 */
static int ngl_talk_locked(int fd, struct ngl_req *r,
			   struct nlmsghdr **replyp);

/* One request at a time: two threads must not read each other's answers. */
static pthread_mutex_t ngl_talk_lock = PTHREAD_MUTEX_INITIALIZER;

static int ngl_talk(int fd, struct ngl_req *r, struct nlmsghdr **replyp)
{
	int rc, e;

	pthread_mutex_lock(&ngl_talk_lock);
	rc = ngl_talk_locked(fd, r, replyp);
	e = errno;
	pthread_mutex_unlock(&ngl_talk_lock);
	errno = e;
	return rc;
}

static int ngl_talk_locked(int fd, struct ngl_req *r,
			   struct nlmsghdr **replyp)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct nlmsghdr *nlh = (struct nlmsghdr *)r->buf;
	uint32_t seq;
	char *buf;
	ssize_t n;

	if (replyp)
		*replyp = NULL;
	seq = __atomic_add_fetch(&ngl_seq, 1, __ATOMIC_RELAXED);
	nlh->nlmsg_len = r->len;
	nlh->nlmsg_seq = seq;
	if (sendto(fd, r->buf, r->len, 0, (struct sockaddr *)&sa,
		   sizeof(sa)) < 0)
		return -1;
	for (;;) {
		struct nlmsghdr *h;

		n = ngl_recv_alloc(fd, &buf);
		if (n < 0)
			return -1;
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, n);
		     h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(h);
				int err = -e->error;

				ngl_log_extack(h, err);
				free(buf);
				if (err) {
					if (replyp) {
						free(*replyp);
						*replyp = NULL;
					}
					errno = err;
					return -1;
				}
				return 0;
			}
			if (replyp && !*replyp) {
				*replyp = malloc(h->nlmsg_len);
				if (*replyp)
					memcpy(*replyp, h, h->nlmsg_len);
			}
		}
		free(buf);
	}
}

/* Resolve the family ID once (loading the module if the kernel can). */
static int ngl_resolve_family(int fd)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct nlmsghdr *reply;
	struct ngl_req r;
	int rc;

	if (ngl_family)
		return 0;
	if (ngl_req_init(&r, CTRL_CMD_GETFAMILY))
		return -1;
	((struct nlmsghdr *)r.buf)->nlmsg_type = GENL_ID_CTRL;
	((struct genlmsghdr *)(r.buf + NLMSG_HDRLEN))->version = 1;
	rc = ngl_put_str(&r, CTRL_ATTR_FAMILY_NAME, NETGRAPH_GENL_NAME);
	if (!rc)
		rc = ngl_talk(fd, &r, &reply);
	free(r.buf);
	if (rc) {
		NGL_LOG("netgraph family");
		return -1;
	}
	if (!reply) {
		errno = ENOENT;
		return -1;
	}
	ngl_parse(reply, tb, CTRL_ATTR_MAX);
	if (tb[CTRL_ATTR_FAMILY_ID])
		ngl_family = *(uint16_t *)NLA_DATA(tb[CTRL_ATTR_FAMILY_ID]);
	free(reply);
	if (!ngl_family) {
		errno = ENOENT;
		return -1;
	}
	return 0;
}

/* ---- the fd table ---- */

static struct ngl_node *ngl_find(int fd)
{
	size_t i;

	if (fd < 0)
		return NULL;
	for (i = 0; i < ngl_count; i++)
		if (ngl_nodes[i].cs == fd || ngl_nodes[i].ds == fd)
			return &ngl_nodes[i];
	return NULL;
}

/*
 * Copy the entry of @fd into @out.  Return: 0, or -1 with ENOTSOCK when
 * @fd is no socket of ours (FreeBSD's error for a wrong descriptor kind).
 */
static int ngl_lookup(int fd, struct ngl_node *out)
{
	struct ngl_node *n;

	pthread_mutex_lock(&ngl_lock);
	n = ngl_find(fd);
	if (n)
		*out = *n;
	pthread_mutex_unlock(&ngl_lock);
	if (!n) {
		errno = ENOTSOCK;
		return -1;
	}
	return 0;
}

/*
 * The kernel just gave us @fd again, so the caller closed it.  A closed
 * data socket only detached from its node (the node lives on: forget that
 * it had one), unless the caller never had the control socket; a closed
 * control socket shut its node down.  Either way a dead entry is dropped
 * and the sockets that never left the library are closed.
 */
static void ngl_forget_fd(int fd)
{
	size_t i = 0;

	while (i < ngl_count) {
		struct ngl_node *n = &ngl_nodes[i];
		int dead;

		if (n->ds == fd) {
			n->ds = -1;
			dead = n->cs_hidden;	/* ds was the caller's only handle */
		} else {
			dead = n->cs == fd || n->os == fd;
		}
		if (!dead) {
			i++;
			continue;
		}
		if (n->os != fd)
			close(n->os);
		if (n->cs_hidden)
			close(n->cs);
		ngl_nodes[i] = ngl_nodes[--ngl_count];
	}
}

static int ngl_add(const struct ngl_node *node)
{
	struct ngl_node *t;

	pthread_mutex_lock(&ngl_lock);
	ngl_forget_fd(node->os);
	ngl_forget_fd(node->cs);
	if (node->ds >= 0)
		ngl_forget_fd(node->ds);
	t = realloc(ngl_nodes, (ngl_count + 1) * sizeof(*t));
	if (!t) {
		pthread_mutex_unlock(&ngl_lock);
		return -1;
	}
	ngl_nodes = t;
	ngl_nodes[ngl_count++] = *node;
	pthread_mutex_unlock(&ngl_lock);
	return 0;
}

/* ---- making a node ---- */

static int ngl_attach(int fd, uint32_t id, uint32_t channel)
{
	char path[NG_NODESIZ + 4];
	struct ngl_req r;
	int rc;

	snprintf(path, sizeof(path), "[%x]:", id);
	if (ngl_req_init(&r, NETGRAPH_CMD_SOCK_ATTACH))
		return -1;
	rc = ngl_put_str(&r, NETGRAPH_A_PATH, path);
	if (!rc)
		rc = ngl_put_u32(&r, NETGRAPH_A_CHANNEL, channel);
	if (!rc)
		rc = ngl_talk(fd, &r, NULL);
	free(r.buf);
	return rc;
}

int NgMkSockNode(const char *name, int *csp, int *dsp)
{
	struct ngl_node node = { .os = -1, .cs = -1, .ds = -1 };
	struct nlattr *tb[NETGRAPH_A_MAX + 1];
	struct nlattr *nb[NETGRAPH_NODE_A_MAX + 1];
	struct nlmsghdr *reply = NULL;
	struct ngl_req r;
	int rc;

	if (name && !*name)
		name = NULL;
	node.os = ngl_open();
	if (node.os < 0) {
		NGL_LOG("socket");
		return -1;
	}
	pthread_mutex_lock(&ngl_lock);
	rc = ngl_resolve_family(node.os);
	pthread_mutex_unlock(&ngl_lock);
	if (rc)
		goto fail;
	if (ngl_req_init(&r, NETGRAPH_CMD_SOCK_NEW))
		goto fail;
	rc = name ? ngl_put_str(&r, NETGRAPH_A_NAME, name) : 0;
	if (!rc)
		rc = ngl_talk(node.os, &r, &reply);
	free(r.buf);
	if (rc) {
		NGL_LOG("make socket node%s%s", name ? " " : "", name ? name : "");
		goto fail;
	}
	if (reply) {
		ngl_parse(reply, tb, NETGRAPH_A_MAX);
		if (tb[NETGRAPH_A_NODE]) {
			const char *p = NLA_DATA(tb[NETGRAPH_A_NODE]);

			ngl_parse_range(p, p + NLA_LEN(tb[NETGRAPH_A_NODE]), nb,
					NETGRAPH_NODE_A_MAX);
			if (nb[NETGRAPH_NODE_A_ID])
				node.id = *(uint32_t *)NLA_DATA(nb[NETGRAPH_NODE_A_ID]);
		}
		free(reply);
	}
	if (!node.id) {
		errno = EPROTO;
		goto fail;
	}

	node.cs = ngl_open();
	if (node.cs < 0 || ngl_attach(node.cs, node.id, NETGRAPH_SOCK_CHAN_CTL)) {
		NGL_LOG("attach control socket");
		goto fail;
	}
	ngl_tune_channel(node.cs);
	if (dsp) {
		node.ds = ngl_open();
		if (node.ds < 0 ||
		    ngl_attach(node.ds, node.id, NETGRAPH_SOCK_CHAN_DATA)) {
			NGL_LOG("attach data socket");
			goto fail;
		}
		ngl_tune_channel(node.ds);
	}
	node.cs_hidden = !csp;
	if (ngl_add(&node))
		goto fail;
	if (csp)
		*csp = node.cs;
	if (dsp)
		*dsp = node.ds;
	NGL_TRACE("made socket node [%x] (cs %d, ds %d)", node.id, node.cs,
		  node.ds);
	return 0;

fail:
	ngl_close_keep_errno(node.ds);
	ngl_close_keep_errno(node.cs);
	ngl_close_keep_errno(node.os);
	return -1;
}

/* ---- messages ---- */

/* Send @hdr + @args from the node of @cs to @path (relative to the node). */
static int ngl_deliver(int cs, const char *path, const struct ng_mesg *hdr,
		       const void *args, size_t arglen)
{
	struct ng_mesg m;
	struct ngl_node node;
	struct ngl_req r;
	int rc;

	if (ngl_lookup(cs, &node))
		return -1;
	if (!path) {
		errno = EDESTADDRREQ;
		return -1;
	}
	if (!args)
		arglen = 0;
	m = *hdr;
	m.header.arglen = arglen;
	if (ngl_req_init(&r, NETGRAPH_CMD_MSG))
		return -1;
	rc = ngl_put_str(&r, NETGRAPH_A_PATH, path);
	if (!rc)
		rc = ngl_put2(&r, NETGRAPH_A_MSG, &m, sizeof(m), args, arglen);
	if (!rc)
		rc = ngl_put_u32(&r, NETGRAPH_A_FLAGS, NETGRAPH_F_FROM_NODE);
	if (!rc) {
		NGL_TRACE("SENDING %s to \"%s\": cookie %u cmd %u token %u (%zu bytes)",
			  (m.header.flags & NGF_RESP) ? "RESPONSE" : "MESSAGE",
			  path, m.header.typecookie, m.header.cmd,
			  m.header.token, arglen);
		rc = ngl_talk(node.os, &r, NULL);
	}
	free(r.buf);
	if (rc) {
		NGL_LOG("sendmsg(%s)", path);
		return -1;
	}
	/* As FreeBSD: a command that always answers is waited for. */
	if ((m.header.cmd & NGM_HASREPLY) && !(m.header.flags & NGF_RESP)) {
		struct pollfd p = { .fd = node.cs, .events = POLLIN };

		while (poll(&p, 1, NGL_REPLY_WAIT) < 0 && errno == EINTR)
			;
	}
	return 0;
}

static void ngl_mkhdr(struct ng_mesg *m, int cookie, int cmd)
{
	memset(m, 0, sizeof(*m));
	m->header.version = NG_VERSION;
	m->header.typecookie = cookie;
	m->header.cmd = cmd;
	m->header.flags = NGF_ORIG;
	m->header.token = __atomic_fetch_add(&ngl_token, 1, __ATOMIC_RELAXED) &
			  INT_MAX;
	snprintf(m->header.cmdstr, sizeof(m->header.cmdstr), "cmd%d", cmd);
}

int NgSendMsg(int cs, const char *path, int cookie, int cmd,
	      const void *args, size_t arglen)
{
	struct ng_mesg m;

	ngl_mkhdr(&m, cookie, cmd);
	if (ngl_deliver(cs, path, &m, args, arglen))
		return -1;
	return m.header.token;
}

int NgSendReplyMsg(int cs, const char *path, const struct ng_mesg *msg,
		   const void *args, size_t arglen)
{
	struct ng_mesg rep = *msg;

	rep.header.flags = NGF_RESP;
	return ngl_deliver(cs, path, &rep, args, arglen);
}

int NgNameNode(int cs, const char *path, const char *fmt, ...)
{
	struct ngm_name n;
	va_list ap;

	memset(&n, 0, sizeof(n));
	va_start(ap, fmt);
	vsnprintf(n.name, sizeof(n.name), fmt, ap);
	va_end(ap);
	if (NgSendMsg(cs, path, NGM_GENERIC_COOKIE, NGM_NAME, &n,
		      sizeof(n)) < 0) {
		NGL_LOGX("%s: failed", __func__);
		return -1;
	}
	return 0;
}

/*
 * The absolute form of @path, which is relative to node @id: the ASCII
 * conversions run as plain netlink requests, answered synchronously.
 */
static void ngl_abspath(uint32_t id, const char *path, char *out, size_t size)
{
	if (!path || !*path || !strcmp(path, ".") || !strcmp(path, ".:"))
		snprintf(out, size, "[%x]:", id);
	else if (!strncmp(path, ".:", 2))
		snprintf(out, size, "[%x]:%s", id, path + 2);
	else if (strchr(path, ':'))
		snprintf(out, size, "%s", path);
	else
		snprintf(out, size, "[%x]:%s", id, path);
}

/*
 * Ask the node at @path (relative to @cs's node) to convert @in with the
 * generic command @cmd; the converted message is returned malloc'ed.
 */
static struct ng_mesg *ngl_convert(int cs, const char *path, int cmd,
				   const struct ng_mesg *in)
{
	char abspath[NG_PATHSIZ + NG_NODESIZ];
	struct nlattr *tb[NETGRAPH_A_MAX + 1];
	struct nlmsghdr *reply = NULL;
	struct ngl_node node;
	struct ng_mesg m, *out = NULL;
	struct ngl_req r;
	int rc;

	if (ngl_lookup(cs, &node))
		return NULL;
	ngl_abspath(node.id, path, abspath, sizeof(abspath));
	ngl_mkhdr(&m, NGM_GENERIC_COOKIE, cmd);
	m.header.arglen = sizeof(*in) + in->header.arglen;
	if (ngl_req_init(&r, NETGRAPH_CMD_MSG))
		return NULL;
	rc = ngl_put_str(&r, NETGRAPH_A_PATH, abspath);
	if (!rc)
		rc = ngl_put2(&r, NETGRAPH_A_MSG, &m, sizeof(m), in,
			      m.header.arglen);
	if (!rc)
		rc = ngl_talk(node.os, &r, &reply);
	free(r.buf);
	if (rc) {
		NGL_LOG("%s(%s)", cmd == NGM_ASCII2BINARY ? "ascii2binary" :
			"binary2ascii", abspath);
		return NULL;
	}
	if (reply) {
		ngl_parse(reply, tb, NETGRAPH_A_MAX);
		if (tb[NETGRAPH_A_MSG] &&
		    NLA_LEN(tb[NETGRAPH_A_MSG]) >= 2 * sizeof(struct ng_mesg)) {
			const struct ng_mesg *resp = NLA_DATA(tb[NETGRAPH_A_MSG]);
			const struct ng_mesg *inner = (const void *)resp->data;
			size_t len = NLA_LEN(tb[NETGRAPH_A_MSG]) - sizeof(*resp);

			if (sizeof(*inner) + inner->header.arglen <= len) {
				out = malloc(len + 1);
				if (out) {
					memcpy(out, inner, len);
					((char *)out)[len] = '\0';
				}
			}
		}
		free(reply);
	}
	if (!out && !errno)
		errno = EPROTO;
	return out;
}

int NgSendAsciiMsg(int cs, const char *path, const char *fmt, ...)
{
	struct ng_mesg *ascii, *binary;
	char *buf, *cmd, *args;
	va_list ap;
	int token, rc;

	va_start(ap, fmt);
	rc = vasprintf(&buf, fmt, ap);
	va_end(ap);
	if (rc < 0)
		return -1;
	for (cmd = buf; isspace((unsigned char)*cmd); cmd++)
		;
	for (args = cmd; *args && !isspace((unsigned char)*args); args++)
		;
	if (*args) {
		*args++ = '\0';
		while (isspace((unsigned char)*args))
			args++;
	}
	ascii = calloc(1, sizeof(*ascii) + strlen(args) + 1);
	if (!ascii) {
		free(buf);
		return -1;
	}
	snprintf(ascii->header.cmdstr, sizeof(ascii->header.cmdstr), "%s",
		 cmd);
	strcpy(ascii->data, args);
	ascii->header.version = NG_VERSION;
	ascii->header.arglen = strlen(args) + 1;
	free(buf);
	errno = 0;
	binary = ngl_convert(cs, path, NGM_ASCII2BINARY, ascii);
	free(ascii);
	if (!binary)
		return -1;
	binary->header.version = NG_VERSION;
	binary->header.token = __atomic_fetch_add(&ngl_token, 1,
						  __ATOMIC_RELAXED) & INT_MAX;
	token = binary->header.token;
	rc = ngl_deliver(cs, path, binary, binary->data, binary->header.arglen);
	free(binary);
	return rc ? -1 : token;
}

/* Looking at a notification's header and taking it are one step. */
static pthread_mutex_t ngl_recv_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * Take the next datagram off channel socket @fd into a malloc'ed buffer,
 * unless it is SOCK_CLOSED, the node's end: that one stays queued, so the
 * descriptor stays readable and every later receive fails with ENOTCONN
 * too (FreeBSD's would read 0 bytes).  Never blocks (EAGAIN).
 * Return: its length, or -1 with errno.
 */
static ssize_t ngl_take_note(int fd, char **bufp)
{
	struct {
		struct nlmsghdr n;
		struct genlmsghdr g;
	} hdr;
	ssize_t len, n;
	char *buf;

	pthread_mutex_lock(&ngl_recv_lock);
	len = recv(fd, &hdr, sizeof(hdr), MSG_PEEK | MSG_TRUNC | MSG_DONTWAIT);
	if (len >= (ssize_t)sizeof(hdr) && hdr.n.nlmsg_type == ngl_family &&
	    hdr.g.cmd == NETGRAPH_CMD_SOCK_CLOSED) {
		errno = ENOTCONN;
		len = -1;
	}
	if (len < 0) {
		pthread_mutex_unlock(&ngl_recv_lock);
		return -1;
	}
	buf = malloc(len ? len : 1);
	/* without memory the datagram is dropped rather than left to loop on */
	n = recv(fd, buf, buf ? len : 0, MSG_TRUNC | MSG_DONTWAIT);
	pthread_mutex_unlock(&ngl_recv_lock);
	if (!buf || n < 0) {
		if (!buf)
			errno = ENOMEM;
		free(buf);
		return -1;
	}
	*bufp = buf;
	return n;
}

/*
 * Receive the next notification of kind @want from channel socket @fd into
 * a malloc'ed buffer (others are skipped), blocking in poll() (never with
 * the lock held) unless @fd is non-blocking.
 * Return: the netlink message, or NULL with errno.
 */
static struct nlmsghdr *ngl_recv_note(int fd, uint8_t want,
				      struct nlattr **tb)
{
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		struct nlmsghdr *h;
		char *buf;
		ssize_t n;

		n = ngl_take_note(fd, &buf);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN || (fcntl(fd, F_GETFL) & O_NONBLOCK))
				return NULL;
			/* nothing yet (or another thread took it): wait */
			if (poll(&p, 1, -1) < 0 && errno != EINTR)
				return NULL;
			continue;
		}
		h = (struct nlmsghdr *)buf;
		if (NLMSG_OK(h, n) && h->nlmsg_type == ngl_family &&
		    h->nlmsg_len >= NLMSG_HDRLEN + GENL_HDRLEN &&
		    ((struct genlmsghdr *)NLMSG_DATA(h))->cmd == want) {
			ngl_parse(h, tb, NETGRAPH_A_MAX);
			return h;
		}
		free(buf);
	}
}

/*
 * Receive the next notification @cmd from @fd and its attribute @attr (the
 * message or packet) into @buf (@len bytes; the rest of a longer one is
 * lost, as from a datagram socket), or, with @allocp, into a malloc'ed
 * buffer of its size plus a spare zero byte (FreeBSD's larger buffers had
 * room for one).  Attribute @nameattr (sender or hook) goes to @name.
 * Return: the length, or -1 with errno.
 */
static int ngl_recv_payload(int fd, uint8_t cmd, int attr, int nameattr,
			    void *buf, size_t len, void **allocp,
			    char *name, size_t namesize)
{
	struct nlattr *tb[NETGRAPH_A_MAX + 1];
	struct nlmsghdr *h;
	size_t n;

	h = ngl_recv_note(fd, cmd, tb);
	if (!h)
		return -1;
	if (!tb[attr]) {
		free(h);
		errno = EPROTO;
		return -1;
	}
	n = NLA_LEN(tb[attr]);
	if (allocp) {
		buf = calloc(1, n + 1);
		if (!buf) {
			free(h);
			return -1;
		}
		*allocp = buf;
	} else if (n > len) {
		n = len;
	}
	if (n)
		memcpy(buf, NLA_DATA(tb[attr]), n);
	snprintf(name, namesize, "%s",
		 tb[nameattr] ? (const char *)NLA_DATA(tb[nameattr]) : "");
	free(h);
	return (int)n;
}

/* NgRecvMsg(), or with @allocp NgAllocRecvMsg(). */
static int ngl_recv_msg(int cs, struct ng_mesg *rep, size_t replen,
			struct ng_mesg **allocp, char *path)
{
	char from[NG_PATHSIZ];
	int len;

	len = ngl_recv_payload(cs, NETGRAPH_CMD_SOCK_MSG, NETGRAPH_A_MSG,
			       NETGRAPH_A_PATH, rep, replen, (void **)allocp,
			       from, sizeof(from));
	if (len < 0) {
		NGL_LOG("recvmsg");
		return -1;
	}
	if (allocp)
		rep = *allocp;
	if (path)
		strcpy(path, from);	/* NG_PATHSIZ bytes, as FreeBSD's */
	if ((size_t)len >= sizeof(*rep))
		NGL_TRACE("RECEIVED %s from \"%s\": cookie %u cmd %u token %u",
			  (rep->header.flags & NGF_RESP) ? "RESPONSE" : "MESSAGE",
			  from, rep->header.typecookie, rep->header.cmd,
			  rep->header.token);
	return len;
}

int NgRecvMsg(int cs, struct ng_mesg *rep, size_t replen, char *path)
{
	return ngl_recv_msg(cs, rep, replen, NULL, path);
}

int NgAllocRecvMsg(int cs, struct ng_mesg **rep, char *path)
{
	*rep = NULL;
	return ngl_recv_msg(cs, NULL, 0, rep, path);
}

int NgRecvAsciiMsg(int cs, struct ng_mesg *rep, size_t replen, char *path)
{
	char from[NG_PATHSIZ];
	struct ng_mesg *msg, *ascii;
	int len;

	len = NgAllocRecvMsg(cs, &msg, from);
	if (len < 0)
		return -1;
	if ((size_t)len < sizeof(*msg) || replen < sizeof(*msg)) {
		free(msg);
		errno = (size_t)len < sizeof(*msg) ? EPROTO : ERANGE;
		return -1;
	}
	if (path)
		snprintf(path, NG_PATHSIZ, "%s", from);
	memcpy(rep, msg, sizeof(*msg));
	errno = 0;
	ascii = ngl_convert(cs, from, NGM_BINARY2ASCII, msg);
	free(msg);
	if (!ascii)
		return -1;
	if (sizeof(*rep) + ascii->header.arglen > replen) {
		free(ascii);
		errno = ERANGE;
		return -1;
	}
	memcpy(rep->data, ascii->data, ascii->header.arglen);
	rep->header.arglen = ascii->header.arglen;
	len = sizeof(*rep) + ascii->header.arglen;
	free(ascii);
	return len;
}

int NgAllocRecvAsciiMsg(int cs, struct ng_mesg **rep, char *path)
{
	struct ng_mesg *m;
	int len;

	/* The text form of anything is bounded (FreeBSD's 20 KiB). */
	m = malloc(sizeof(*m) + 64 * 1024);
	if (!m)
		return -1;
	len = NgRecvAsciiMsg(cs, m, sizeof(*m) + 64 * 1024, path);
	if (len < 0) {
		int e = errno;

		free(m);
		errno = e;
		return -1;
	}
	*rep = m;
	return len;
}

/* ---- data ---- */

int NgSendData(int ds, const char *hook, const unsigned char *buf, size_t len)
{
	struct ngl_node node;
	struct ngl_req r;
	int rc;

	if (ngl_lookup(ds, &node))
		return -1;
	if (hook && strlen(hook) >= NG_HOOKSIZ) {
		errno = EINVAL;	/* no hook can have that name */
		NGL_LOG("sendto(%s)", hook);
		return -1;
	}
	if (ngl_req_init(&r, NETGRAPH_CMD_SOCK_DATA))
		return -1;
	rc = hook && *hook ? ngl_put_str(&r, NETGRAPH_A_OURHOOK, hook) : 0;
	if (!rc)
		rc = ngl_put2(&r, NETGRAPH_A_DATA, buf, len, NULL, 0);
	if (!rc) {
		NGL_TRACE("WRITE PACKET to hook \"%s\" (%zu bytes)",
			  hook ? hook : "", len);
		rc = ngl_talk(node.os, &r, NULL);
	}
	free(r.buf);
	if (rc) {
		NGL_LOG("sendto(%s)", hook ? hook : "");
		return -1;
	}
	return 0;
}

/* NgRecvData(), or with @allocp NgAllocRecvData(). */
static int ngl_recv_data(int ds, unsigned char *buf, size_t len,
			 unsigned char **allocp, char *hook)
{
	char from[NG_HOOKSIZ];
	int n;

	n = ngl_recv_payload(ds, NETGRAPH_CMD_SOCK_DATA, NETGRAPH_A_DATA,
			     NETGRAPH_A_OURHOOK, buf, len, (void **)allocp,
			     from, sizeof(from));
	if (n < 0) {
		NGL_LOG("recvfrom");
		return -1;
	}
	if (hook)
		strcpy(hook, from);	/* NG_HOOKSIZ bytes, as FreeBSD's */
	NGL_TRACE("READ PACKET from hook \"%s\" (%d bytes)", from, n);
	return n;
}

int NgRecvData(int ds, unsigned char *buf, size_t len, char *hook)
{
	return ngl_recv_data(ds, buf, len, NULL, hook);
}

int NgAllocRecvData(int ds, unsigned char **buf, char *hook)
{
	*buf = NULL;
	return ngl_recv_data(ds, NULL, 0, buf, hook);
}
