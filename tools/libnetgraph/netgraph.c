// SPDX-License-Identifier: GPL-2.0
/*
 * libnetgraph: FreeBSD's netgraph(3) on Linux, on the netlink core (ngnl.c).
 *
 * A socket node uses three netlink sockets:
 *   os  the owner socket, private to the library (a core handle): it made
 *       the node (NETGRAPH_CMD_SOCK_NEW) and carries every request that
 *       acts as the node; it only ever receives the kernel's answers, so a
 *       request simply waits for its acknowledgement;
 *   cs  the control socket: receives SOCK_MSG notifications (messages that
 *       arrived at the node, replies included);
 *   ds  the data socket: receives SOCK_DATA notifications (packets).
 * cs and ds are what the caller gets: plain descriptors, each its own
 * netlink socket with its own port ID, attached to the node through a core
 * handle on it (ngnl_open_fd) that lives only as long as the attachment
 * takes.  A small table maps either back to its node.  Closing cs (or
 * exiting) shuts the node down in the kernel.
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
#include <netlink/attr.h>

#include "netgraph.h"
#include "ngnl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define NGL_DEF_RCVBUF	(4 << 20)	/* per channel socket; NG_RCVBUF */
#define NGL_REPLY_WAIT	5000		/* ms NgSendMsg waits for an NGM_HASREPLY reply */

struct ngl_node {
	struct ngnl *os;	/* the owner socket's handle */
	int osfd;		/* and its descriptor */
	int cs, ds;		/* ds is -1 without a data socket */
	int cs_hidden;		/* cs was not handed out (csp NULL) */
	uint32_t id;
};

static pthread_mutex_t ngl_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ngl_node *ngl_nodes;
static size_t ngl_count;
static unsigned int ngl_token;
/* The family's ID as last resolved: the notifications' message type. */
static int ngl_family;

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

/* ---- requests ---- */

/*
 * One request at a time: a core handle is not thread safe, and a node's
 * owner handle serves every thread that acts as the node.
 */
static pthread_mutex_t ngl_talk_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * The outcome @r (0 or a negative errno) of a request just made through
 * @h, with ngl_talk_lock held: the kernel's extended-ack text is logged,
 * and errno is set.  Return: 0, or -1 with errno.
 */
static int ngl_result(struct ngnl *h, int r)
{
	const char *ext = ngnl_extack(h);

	if (!r)
		return 0;
	if (ext && ngl_debug >= 1)
		ngl_logx("kernel: %s (%s)", ext, strerror(-r));
	errno = -r;
	return -1;
}

static void ngl_unlock_talk(void)
{
	int e = errno;

	pthread_mutex_unlock(&ngl_talk_lock);
	errno = e;
}

/* ---- sockets ---- */

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
 * and the sockets that never left the library are closed.  (An owner
 * handle whose descriptor the caller closed is left alone: that number
 * is someone else's now.)
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
			dead = n->cs == fd || n->osfd == fd;
		}
		if (!dead) {
			i++;
			continue;
		}
		if (n->osfd != fd)
			ngnl_close(n->os);
		if (n->cs_hidden)
			close(n->cs);
		ngl_nodes[i] = ngl_nodes[--ngl_count];
	}
}

static int ngl_add(const struct ngl_node *node)
{
	struct ngl_node *t;

	pthread_mutex_lock(&ngl_lock);
	ngl_forget_fd(node->osfd);
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

/*
 * A new socket attached to node @id (owned by @os) as @channel.
 * Return: its descriptor, or -1 with errno.
 */
static int ngl_attach(struct ngnl *os, uint32_t id, uint32_t channel)
{
	struct ngnl *h;
	int fd, r;

	fd = ngnl_socket();
	if (fd < 0) {
		errno = -fd;
		return -1;
	}
	r = ngnl_open_fd(&h, fd, os);
	if (r) {
		close(fd);
		errno = -r;
		return -1;
	}
	pthread_mutex_lock(&ngl_talk_lock);
	r = ngl_result(h, ngnl_sock_attach(h, id, channel));
	ngl_unlock_talk();
	ngnl_close(h);
	if (r) {
		ngl_close_keep_errno(fd);
		return -1;
	}
	return fd;
}

int NgMkSockNode(const char *name, int *csp, int *dsp)
{
	struct ngl_node node = { .osfd = -1, .cs = -1, .ds = -1 };
	struct ngnl_node made;
	int r;

	if (name && !*name)
		name = NULL;
	r = ngnl_open(&node.os, NULL, 0);
	if (r) {
		errno = -r;
		NGL_LOG(r == -ENOENT ? "netgraph family" : "socket");
		return -1;
	}
	node.osfd = ngnl_fd(node.os);
	__atomic_store_n(&ngl_family, ngnl_family_id(node.os), __ATOMIC_RELAXED);
	pthread_mutex_lock(&ngl_talk_lock);
	r = ngl_result(node.os, ngnl_sock_new(node.os, name, &made));
	ngl_unlock_talk();
	if (r) {
		NGL_LOG("make socket node%s%s", name ? " " : "", name ? name : "");
		goto fail;
	}
	node.id = made.id;

	node.cs = ngl_attach(node.os, node.id, NETGRAPH_SOCK_CHAN_CTL);
	if (node.cs < 0) {
		NGL_LOG("attach control socket");
		goto fail;
	}
	ngl_tune_channel(node.cs);
	if (dsp) {
		node.ds = ngl_attach(node.os, node.id, NETGRAPH_SOCK_CHAN_DATA);
		if (node.ds < 0) {
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
	{
		int e = errno;

		ngnl_close(node.os);
		errno = e;
	}
	return -1;
}
/* ---- messages ---- */

/*
 * @hdr with @arglen bytes of @args after it, as one malloc'ed message
 * whose arglen says so.  Return: the message, or NULL with errno.
 */
static struct ng_mesg *ngl_join(const struct ng_mesg *hdr, const void *args,
				size_t arglen)
{
	struct ng_mesg *m = malloc(sizeof(*m) + arglen);

	if (!m)
		return NULL;
	*m = *hdr;
	m->header.arglen = arglen;
	if (arglen)
		memcpy(m->data, args, arglen);
	return m;
}

/* Send @hdr + @args from the node of @cs to @path (relative to the node). */
static int ngl_deliver(int cs, const char *path, const struct ng_mesg *hdr,
		       const void *args, size_t arglen)
{
	struct ng_mesg m, *whole;
	struct ngl_node node;
	int rc;

	if (ngl_lookup(cs, &node))
		return -1;
	if (!path) {
		errno = EDESTADDRREQ;
		return -1;
	}
	if (!args)
		arglen = 0;
	whole = ngl_join(hdr, args, arglen);
	if (!whole)
		return -1;
	m = *whole;
	NGL_TRACE("SENDING %s to \"%s\": cookie %u cmd %u token %u (%zu bytes)",
		  (m.header.flags & NGF_RESP) ? "RESPONSE" : "MESSAGE",
		  path, m.header.typecookie, m.header.cmd,
		  m.header.token, arglen);
	pthread_mutex_lock(&ngl_talk_lock);
	rc = ngl_result(node.os, ngnl_msg_flags(node.os, path,
						NETGRAPH_F_FROM_NODE, whole,
						sizeof(m) + arglen, NULL, NULL));
	ngl_unlock_talk();
	free(whole);
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
	struct ngl_node node;
	struct ng_mesg m, *req, *resp = NULL, *out = NULL;
	size_t resplen = 0;
	int rc;

	if (ngl_lookup(cs, &node))
		return NULL;
	ngl_abspath(node.id, path, abspath, sizeof(abspath));
	ngl_mkhdr(&m, NGM_GENERIC_COOKIE, cmd);
	req = ngl_join(&m, in, sizeof(*in) + in->header.arglen);
	if (!req)
		return NULL;
	pthread_mutex_lock(&ngl_talk_lock);
	rc = ngl_result(node.os, ngnl_msg(node.os, abspath, req,
					  sizeof(m) + req->header.arglen,
					  &resp, &resplen));
	ngl_unlock_talk();
	free(req);
	if (rc) {
		NGL_LOG("%s(%s)", cmd == NGM_ASCII2BINARY ? "ascii2binary" :
			"binary2ascii", abspath);
		return NULL;
	}
	if (resp && resplen >= 2 * sizeof(struct ng_mesg)) {
		const struct ng_mesg *inner = (const void *)resp->data;
		size_t len = resplen - sizeof(*resp);

		if (sizeof(*inner) + inner->header.arglen <= len) {
			out = malloc(len + 1);
			if (out) {
				memcpy(out, inner, len);
				((char *)out)[len] = '\0';
			}
		}
	}
	free(resp);
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
	if (len >= (ssize_t)sizeof(hdr) &&
	    hdr.n.nlmsg_type == __atomic_load_n(&ngl_family, __ATOMIC_RELAXED) &&
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
		if (NLMSG_OK(h, n) &&
		    h->nlmsg_type == __atomic_load_n(&ngl_family, __ATOMIC_RELAXED) &&
		    ngnl_parse_notification(h, tb) == want)
			return h;
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
	n = nla_len(tb[attr]);
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
		memcpy(buf, nla_data(tb[attr]), n);
	if (tb[nameattr])
		snprintf(name, namesize, "%.*s", nla_len(tb[nameattr]),
			 (const char *)nla_data(tb[nameattr]));
	else
		name[0] = '\0';
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
	int rc;

	if (ngl_lookup(ds, &node))
		return -1;
	if (hook && strlen(hook) >= NG_HOOKSIZ) {
		errno = EINVAL;	/* no hook can have that name */
		NGL_LOG("sendto(%s)", hook);
		return -1;
	}
	NGL_TRACE("WRITE PACKET to hook \"%s\" (%zu bytes)", hook ? hook : "",
		  len);
	pthread_mutex_lock(&ngl_talk_lock);
	rc = ngl_result(node.os, ngnl_sock_data(node.os, hook, buf, len));
	ngl_unlock_talk();
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
