// SPDX-License-Identifier: GPL-2.0
/*
 * ngsock_test: user-level netgraph nodes through libnetgraph, written as a
 * FreeBSD program would be (#include <netgraph.h>).  Output is TAP.
 *
 *   ngsock_test [CASE...]   run the cases (all without arguments)
 *   ngsock_test list        the case names
 *   ngsock_test mk [NAME]   make a node and exit (exit 71 with the error)
 *   ngsock_test hold NAME   make a node, print "ready", sleep until killed
 *   ngsock_test carry       (root) make a node with a hook, then in a child
 *                           that became uid 65534 and root of a user and
 *                           network namespace of its own, use the node's
 *                           sockets: every change is refused (EPERM)
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* unshare(), for carry: Linux's own */
#endif
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <netgraph.h>
#include <netgraph/ng_ksocket.h>
#include <netgraph/ng_socket.h>
#include <netgraph/ng_tee.h>

static int tap_n, tap_failed;

static void tap(int pass, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tap(int pass, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", pass ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!pass)
		tap_failed++;
}

#define CHECK(cond, ...) ({						\
	int _ok = !!(cond);						\
	tap(_ok, __VA_ARGS__);						\
	if (!_ok)							\
		printf("# %s:%d: %s (errno %d: %s)\n", __FILE__, __LINE__, \
		       #cond, errno, strerror(errno));			\
	_ok;								\
})

/* Is something readable on @fd within @ms? */
static int readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) > 0;
}

static int ng_connect_hooks(int cs, const char *path, const char *peer,
			    const char *ourhook, const char *peerhook)
{
	struct ngm_connect c;

	memset(&c, 0, sizeof(c));
	snprintf(c.path, sizeof(c.path), "%s", peer);
	snprintf(c.ourhook, sizeof(c.ourhook), "%s", ourhook);
	snprintf(c.peerhook, sizeof(c.peerhook), "%s", peerhook);
	return NgSendMsg(cs, path, NGM_GENERIC_COOKIE, NGM_CONNECT, &c,
			 sizeof(c));
}

static int ng_mkpeer(int cs, const char *path, const char *type,
		     const char *ourhook, const char *peerhook)
{
	struct ngm_mkpeer m;

	memset(&m, 0, sizeof(m));
	snprintf(m.type, sizeof(m.type), "%s", type);
	snprintf(m.ourhook, sizeof(m.ourhook), "%s", ourhook);
	snprintf(m.peerhook, sizeof(m.peerhook), "%s", peerhook);
	return NgSendMsg(cs, path, NGM_GENERIC_COOKIE, NGM_MKPEER, &m,
			 sizeof(m));
}

static int ng_rmhook(int cs, const char *hook)
{
	struct ngm_rmhook r;

	memset(&r, 0, sizeof(r));
	snprintf(r.ourhook, sizeof(r.ourhook), "%s", hook);
	return NgSendMsg(cs, ".", NGM_GENERIC_COOKIE, NGM_RMHOOK, &r,
			 sizeof(r));
}

/* NGM_NODEINFO of @path into @ni; the reply's sender into @from. */
static int nodeinfo(int cs, const char *path, struct nodeinfo *ni, char *from)
{
	union {
		char buf[sizeof(struct ng_mesg) + sizeof(struct nodeinfo)];
		struct ng_mesg m;
	} u;
	int len;

	if (NgSendMsg(cs, path, NGM_GENERIC_COOKIE, NGM_NODEINFO, NULL, 0) < 0)
		return -1;
	len = NgRecvMsg(cs, &u.m, sizeof(u), from);
	if (len != (int)sizeof(u)) {
		if (len >= 0)
			errno = EPROTO;
		return -1;
	}
	memcpy(ni, u.m.data, sizeof(*ni));
	return 0;
}

/* FreeBSD's send_recv: two hooks of one node connected to each other. */
/*
 * FreeBSD ngctl's "write": sendto() of a struct sockaddr_ng on the data
 * socket.  It compiles against <netgraph/ng_socket.h>; on Linux it fails
 * with EINVAL (netgraph(3)) and sends nothing, and NgSendData() is the
 * call that replaces it.
 */
static void t_sendto_sockaddr_ng(int ds)
{
	unsigned char sagbuf[sizeof(struct sockaddr_ng) + NG_HOOKSIZ];
	struct sockaddr_ng *sag = (struct sockaddr_ng *)sagbuf;
	unsigned char buf[16];
	char hook[NG_HOOKSIZ];

	memset(sagbuf, 0, sizeof(sagbuf));
	sag->sg_family = AF_NETGRAPH;
	strcpy(sag->sg_data, "a");
	sag->sg_len = 3 + strlen(sag->sg_data);
	CHECK(sendto(ds, "fb", 2, 0, (struct sockaddr *)sag, sag->sg_len) < 0 &&
	      errno == EINVAL, "send_recv: sendto() of a sockaddr_ng: EINVAL");
	CHECK(!readable(ds, 200), "send_recv: ... and nothing was sent");
	CHECK(NgSendData(ds, sag->sg_data, (const unsigned char *)"ok", 2) == 0 &&
	      NgRecvData(ds, buf, sizeof(buf), hook) == 2 && !strcmp(hook, "b"),
	      "send_recv: NgSendData() to the same hook instead");
}

static void t_send_recv(void)
{
	unsigned char buf[64];
	char hook[NG_HOOKSIZ];
	int cs, ds, n;

	if (!CHECK(NgMkSockNode(NULL, &cs, &ds) == 0, "send_recv: make node"))
		return;
	CHECK(ng_connect_hooks(cs, ".", ".", "a", "b") >= 0,
	      "send_recv: connect hook a to hook b of the same node");
	CHECK(NgSendData(ds, "a", (const unsigned char *)"hello", 5) == 0,
	      "send_recv: send on a");
	n = NgRecvData(ds, buf, sizeof(buf), hook);
	CHECK(n == 5 && !memcmp(buf, "hello", 5) && !strcmp(hook, "b"),
	      "send_recv: 5 bytes arrive on b");
	CHECK(NgSendData(ds, "b", (const unsigned char *)"world!", 6) == 0,
	      "send_recv: send on b");
	n = NgRecvData(ds, buf, sizeof(buf), hook);
	CHECK(n == 6 && !memcmp(buf, "world!", 6) && !strcmp(hook, "a"),
	      "send_recv: 6 bytes arrive on a");
	n = NgSendData(ds, "a", (const unsigned char *)"", 0);
	CHECK(n == 0 && NgRecvData(ds, buf, sizeof(buf), hook) == 0,
	      "send_recv: an empty packet arrives empty");
	CHECK(NgSendData(ds, "a", (const unsigned char *)"0123456789", 10) == 0 &&
	      NgRecvData(ds, buf, 4, hook) == 4 && !memcmp(buf, "0123", 4),
	      "send_recv: a short buffer truncates the packet");
	t_sendto_sockaddr_ng(ds);
	close(ds);
	close(cs);
}

/* A hub on three hooks: each packet reaches the two others. */
static void t_hub(void)
{
	unsigned char buf[64];
	char hook[NG_HOOKSIZ];
	int cs, ds, n, got1 = 0, got2 = 0;

	if (!CHECK(NgMkSockNode(NULL, &cs, &ds) == 0, "hub: make node"))
		return;
	CHECK(ng_mkpeer(cs, ".", "hub", "h0", "p0") >= 0, "hub: mkpeer hub");
	CHECK(ng_connect_hooks(cs, ".", "h0", "h1", "p1") >= 0 &&
	      ng_connect_hooks(cs, ".", "h0", "h2", "p2") >= 0,
	      "hub: connect h1 and h2 to the hub");
	CHECK(NgSendData(ds, "h0", (const unsigned char *)"x", 1) == 0,
	      "hub: send on h0");
	while (readable(ds, 1000)) {
		n = NgRecvData(ds, buf, sizeof(buf), hook);
		if (n != 1)
			break;
		got1 += !strcmp(hook, "h1");
		got2 += !strcmp(hook, "h2");
	}
	CHECK(got1 == 1 && got2 == 1, "hub: one copy each on h1 and h2 (%d, %d)",
	      got1, got2);
	CHECK(ng_rmhook(cs, "h1") >= 0, "hub: rmhook h1");
	CHECK(NgSendData(ds, "h0", (const unsigned char *)"y", 1) == 0,
	      "hub: send on h0 again");
	got1 = got2 = 0;
	while (readable(ds, 1000)) {
		n = NgRecvData(ds, buf, sizeof(buf), hook);
		if (n != 1)
			break;
		got1 += !strcmp(hook, "h1");
		got2 += !strcmp(hook, "h2");
	}
	CHECK(got1 == 0 && got2 == 1, "hub: after rmhook only h2 gets it (%d, %d)",
	      got1, got2);
	CHECK(NgSendData(ds, "h1", (const unsigned char *)"z", 1) < 0 &&
	      errno == EHOSTUNREACH, "hub: sending on the removed hook: EHOSTUNREACH");
	NgSendMsg(cs, "h0", NGM_GENERIC_COOKIE, NGM_SHUTDOWN, NULL, 0);
	close(ds);
	close(cs);
}

/* 1000 hooks on one node, all to a hub: one packet in, 999 copies out. */
static void t_hooks1000(void)
{
	char name[NG_HOOKSIZ], hook[NG_HOOKSIZ];
	static char seen[1000];
	unsigned char buf[16];
	int cs, ds, i, bad = 0, got = 0;

	if (!CHECK(NgMkSockNode(NULL, &cs, &ds) == 0, "hooks1000: make node"))
		return;
	CHECK(ng_mkpeer(cs, ".", "hub", "h0", "p0") >= 0, "hooks1000: mkpeer hub");
	for (i = 1; i < 1000; i++) {
		snprintf(name, sizeof(name), "h%d", i);
		snprintf(hook, sizeof(hook), "p%d", i);
		if (ng_connect_hooks(cs, ".", "h0", name, hook) < 0)
			bad++;
	}
	CHECK(bad == 0, "hooks1000: 999 more hooks connected (%d failed)", bad);
	CHECK(NgSendData(ds, "h0", (const unsigned char *)"q", 1) == 0,
	      "hooks1000: send on h0");
	memset(seen, 0, sizeof(seen));
	while (got < 999 && readable(ds, 2000)) {
		if (NgRecvData(ds, buf, sizeof(buf), hook) != 1)
			break;
		i = atoi(hook + 1);
		if (hook[0] == 'h' && i > 0 && i < 1000 && !seen[i]) {
			seen[i] = 1;
			got++;
		}
	}
	CHECK(got == 999, "hooks1000: one copy on each of 999 hooks (%d)", got);
	NgSendMsg(cs, "h0", NGM_GENERIC_COOKIE, NGM_SHUTDOWN, NULL, 0);
	close(ds);
	close(cs);
}

/* 1000 packets sent before any is read all arrive, in order. */
static void t_queue1000(void)
{
	char hook[NG_HOOKSIZ];
	unsigned char buf[64], pkt[64];
	struct ng_mesg *reply;
	int cs, ds, i, sent = 0, got = 0, inorder = 1;

	if (!CHECK(NgMkSockNode(NULL, &cs, &ds) == 0, "queue1000: make node"))
		return;
	CHECK(ng_connect_hooks(cs, ".", ".", "a", "b") >= 0,
	      "queue1000: connect a to b");
	memset(pkt, 0xa5, sizeof(pkt));
	for (i = 0; i < 1000; i++) {
		memcpy(pkt, &i, sizeof(i));
		if (NgSendData(ds, "a", pkt, sizeof(pkt)) == 0)
			sent++;
	}
	CHECK(sent == 1000, "queue1000: 1000 packets sent (%d)", sent);
	while (got < 1000 && readable(ds, 1000)) {
		if (NgRecvData(ds, buf, sizeof(buf), hook) != (int)sizeof(buf))
			break;
		memcpy(&i, buf, sizeof(i));
		if (i != got)
			inorder = 0;
		got++;
	}
	CHECK(got == 1000 && inorder, "queue1000: all 1000 arrive in order (%d)",
	      got);
	CHECK(NgSendMsg(cs, ".", NGM_GENERIC_COOKIE, NGM_TEXT_STATUS, NULL, 0) >= 0 &&
	      NgAllocRecvMsg(cs, &reply, NULL) > (int)sizeof(*reply),
	      "queue1000: status of the node");
	if (reply) {
		printf("# %s", reply->data);
		CHECK(strstr(reply->data, "packets: 1000 delivered, 0 dropped") != NULL,
		      "queue1000: status counts 1000 delivered, 0 dropped");
		free(reply);
	}
	close(ds);
	close(cs);
}

/* Names: a named node is found by name; an unnamed one answers as [id]:. */
static void t_names(void)
{
	char from[NG_PATHSIZ], want[32];
	struct nodeinfo ni, ni2;
	int cs, ds, cs2, cs3;

	if (!CHECK(NgMkSockNode("ngsock_named", &cs, &ds) == 0,
		   "names: make node ngsock_named"))
		return;
	CHECK(nodeinfo(cs, ".", &ni, from) == 0 &&
	      !strcmp(ni.name, "ngsock_named") && !strcmp(ni.type, "socket"),
	      "names: nodeinfo of . is ngsock_named, type socket");
	CHECK(NgMkSockNode(NULL, &cs2, NULL) == 0, "names: an unnamed node, no data socket");
	CHECK(nodeinfo(cs2, ".", &ni2, from) == 0 && ni2.name[0] == '\0',
	      "names: the unnamed node has no name");
	snprintf(want, sizeof(want), "[%x]:", ni2.id);
	CHECK(!strcmp(from, want), "names: its reply comes from %s (%s)", want,
	      from);
	CHECK(nodeinfo(cs2, "ngsock_named:", &ni, from) == 0 &&
	      !strcmp(ni.name, "ngsock_named") && ni.id != ni2.id,
	      "names: the named node is reachable by name");
	CHECK(NgMkSockNode("ngsock_named", &cs3, NULL) < 0 && errno == EADDRINUSE,
	      "names: a second node of the same name: EADDRINUSE");
	CHECK(NgNameNode(cs, ".", "ngsock_renamed") == 0 &&
	      nodeinfo(cs, ".", &ni, from) == 0 && !strcmp(ni.name, "ngsock_renamed"),
	      "names: NgNameNode renames the node");
	close(cs2);
	close(ds);
	close(cs);
}

/* A node shut down by someone else: the process's operations say ENOTCONN. */
static void t_enotconn(void)
{
	struct ng_mesg m;
	struct nodeinfo ni;
	char path[32], from[NG_PATHSIZ];
	unsigned char buf[8];
	int cs, ds, cs2, ds2;

	if (!CHECK(NgMkSockNode(NULL, &cs, &ds) == 0 &&
		   NgMkSockNode(NULL, &cs2, &ds2) == 0, "enotconn: make two nodes"))
		return;
	CHECK(nodeinfo(cs, ".", &ni, from) == 0, "enotconn: nodeinfo of the first");
	snprintf(path, sizeof(path), "[%x]:", ni.id);
	CHECK(NgSendMsg(cs2, path, NGM_GENERIC_COOKIE, NGM_SHUTDOWN, NULL, 0) >= 0,
	      "enotconn: the second node shuts the first down");
	CHECK(NgRecvMsg(cs, &m, sizeof(m), NULL) < 0 && errno == ENOTCONN,
	      "enotconn: NgRecvMsg: ENOTCONN");
	CHECK(NgRecvData(ds, buf, sizeof(buf), NULL) < 0 && errno == ENOTCONN,
	      "enotconn: NgRecvData: ENOTCONN");
	/* As a disconnected socket: still readable, and it says so again. */
	CHECK(readable(cs, 0) && readable(ds, 0),
	      "enotconn: cs and ds stay readable");
	CHECK(NgRecvMsg(cs, &m, sizeof(m), NULL) < 0 && errno == ENOTCONN &&
	      NgRecvData(ds, buf, sizeof(buf), NULL) < 0 && errno == ENOTCONN,
	      "enotconn: the next receives fail with ENOTCONN too (no hang)");
	CHECK(NgSendMsg(cs, ".", NGM_GENERIC_COOKIE, NGM_NODEINFO, NULL, 0) < 0 &&
	      errno == ENOTCONN, "enotconn: NgSendMsg: ENOTCONN");
	CHECK(NgSendData(ds, NULL, buf, 1) < 0 && errno == ENOTCONN,
	      "enotconn: NgSendData: ENOTCONN");
	close(ds);
	close(cs);
	close(ds2);
	close(cs2);
}

/*
 * FreeBSD's guarantee that ngctl's "msg" relies on: a reply the node gives
 * while handling the message is on the control socket when NgSendMsg()
 * returns, so a poll with a zero timeout finds it.  Neither command has
 * NGM_HASREPLY (which the library waits for).
 */
static void t_sync_reply(void)
{
	static const struct {
		const char *hook, *type, *peerhook;
		int cookie, cmd;
	} c[] = {
		{ "t", "tee", "left", NGM_TEE_COOKIE, NGM_TEE_GET_STATS },
		{ "k", "ksocket", "inet/dgram/udp", NGM_KSOCKET_COOKIE,
		  NGM_KSOCKET_GETNAME },
	};
	union {
		char buf[512];
		struct ng_mesg m;
	} u;
	int cs, ds, i, n, ready, token, matched;
	size_t j;

	if (!CHECK(NgMkSockNode(NULL, &cs, &ds) == 0, "syncreply: make node"))
		return;
	for (j = 0; j < sizeof(c) / sizeof(c[0]); j++) {
		if (!CHECK(ng_mkpeer(cs, ".", c[j].type, c[j].hook,
				     c[j].peerhook) >= 0,
			   "syncreply: mkpeer %s", c[j].type))
			continue;
		ready = matched = 0;
		for (i = 0; i < 200; i++) {
			token = NgSendMsg(cs, c[j].hook, c[j].cookie, c[j].cmd,
					  NULL, 0);
			if (token < 0)
				break;
			ready += readable(cs, 0);
			n = NgRecvMsg(cs, &u.m, sizeof(u), NULL);
			matched += n >= (int)sizeof(u.m) &&
				   (u.m.header.flags & NGF_RESP) &&
				   (int)u.m.header.token == token;
		}
		CHECK(ready == 200 && matched == 200,
		      "syncreply: %s: 200 replies, each queued when NgSendMsg returned (%d queued, %d matched)",
		      c[j].type, ready, matched);
	}
	close(ds);
	close(cs);
}

/* Data addressing errors (FreeBSD's numbers). */
static void t_addr_errors(void)
{
	union {
		char buf[256];
		struct ng_mesg m;
	} u;
	char from[NG_PATHSIZ];
	unsigned char buf[8];
	char hook[NG_HOOKSIZ];
	int cs, ds;

	if (!CHECK(NgMkSockNode(NULL, &cs, &ds) == 0, "errors: make node"))
		return;
	CHECK(NgSendData(ds, NULL, buf, 1) < 0 && errno == EDESTADDRREQ,
	      "errors: no hook name and no hooks: EDESTADDRREQ");
	CHECK(ng_mkpeer(cs, ".", "echo", "e", "e") >= 0, "errors: mkpeer echo");
	CHECK(NgSendData(ds, NULL, (const unsigned char *)"ab", 2) == 0 &&
	      NgRecvData(ds, buf, sizeof(buf), hook) == 2 && !strcmp(hook, "e"),
	      "errors: with exactly one hook no name is needed");
	CHECK(NgSendMsg(cs, "e", 4242, 5, "ping", 5) >= 0 &&
	      NgRecvMsg(cs, &u.m, sizeof(u), from) == (int)sizeof(u.m) + 5 &&
	      (u.m.header.flags & NGF_RESP) && u.m.header.typecookie == 4242 &&
	      !strcmp(u.m.data, "ping") && from[0] == '[',
	      "errors: a message through hook e comes back from echo (%s)", from);
	CHECK(NgSendData(ds, "nope", buf, 1) < 0 && errno == EHOSTUNREACH,
	      "errors: unknown hook: EHOSTUNREACH");
	CHECK(ng_connect_hooks(cs, ".", ".", "x", "y") >= 0, "errors: two more hooks");
	CHECK(NgSendData(ds, NULL, buf, 1) < 0 && errno == EDESTADDRREQ,
	      "errors: no hook name and three hooks: EDESTADDRREQ");
	CHECK(NgSendMsg(cs, "nosuchnode:", NGM_GENERIC_COOKIE, NGM_NODEINFO,
			NULL, 0) < 0 && errno == ENOENT,
	      "errors: message to a missing node: ENOENT");
	CHECK(NgSendMsg(cs, ".", NGM_SOCKET_COOKIE, 99, NULL, 0) < 0 &&
	      errno == EINVAL, "errors: unknown socket command: EINVAL");
	NgSendMsg(cs, "e", NGM_GENERIC_COOKIE, NGM_SHUTDOWN, NULL, 0);
	close(ds);
	close(cs);
}

/* NOLINGER: the node goes with its last hook; LINGER (default) stays. */
static void t_linger(void)
{
	struct nodeinfo ni;
	char from[NG_PATHSIZ];
	int cs, ds;

	if (!CHECK(NgMkSockNode(NULL, &cs, &ds) == 0, "linger: make node"))
		return;
	CHECK(ng_mkpeer(cs, ".", "hole", "h", "in") >= 0 && ng_rmhook(cs, "h") >= 0 &&
	      nodeinfo(cs, ".", &ni, from) == 0,
	      "linger: by default the node stays without hooks");
	CHECK(NgSendMsg(cs, ".", NGM_SOCKET_COOKIE, NGM_SOCK_CMD_NOLINGER, NULL, 0) >= 0,
	      "linger: NOLINGER");
	CHECK(ng_mkpeer(cs, ".", "hole", "h", "in") >= 0 && ng_rmhook(cs, "h") >= 0,
	      "linger: add and remove a hook");
	CHECK(NgSendMsg(cs, ".", NGM_GENERIC_COOKIE, NGM_NODEINFO, NULL, 0) < 0 &&
	      errno == ENOTCONN, "linger: the node went with its last hook");
	close(ds);
	close(cs);
}

/* ASCII messages: sent as text, answered as text. */
static void t_ascii(void)
{
	struct ng_mesg *reply = NULL;
	char from[NG_PATHSIZ];
	int cs, ds, len;

	if (!CHECK(NgMkSockNode("ngsock_ascii", &cs, &ds) == 0, "ascii: make node"))
		return;
	CHECK(NgSendAsciiMsg(cs, ".", "nodeinfo") >= 0, "ascii: send \"nodeinfo\"");
	len = NgAllocRecvAsciiMsg(cs, &reply, from);
	CHECK(len > 0 && reply && strstr(reply->data, "ngsock_ascii") &&
	      strstr(reply->data, "socket"),
	      "ascii: the reply as text names the node and its type");
	if (reply)
		printf("# %s\n", reply->data);
	free(reply);
	CHECK(NgSendAsciiMsg(cs, ".", "name { name=\"ngsock_ascii2\" }") >= 0,
	      "ascii: name it with arguments");
	CHECK(NgSendAsciiMsg(cs, "ngsock_ascii2:", "nodeinfo") >= 0 &&
	      NgAllocRecvAsciiMsg(cs, &reply, from) > 0,
	      "ascii: the new name works");
	free(reply);
	CHECK(NgSendAsciiMsg(cs, ".", "nosuchcommand") < 0,
	      "ascii: an unknown command fails");
	close(ds);
	close(cs);
}

/* A message a process sends to another process's node, and the reply. */
static void t_peer_msg(void)
{
	union {
		char buf[512];
		struct ng_mesg m;
	} u;
	char from[NG_PATHSIZ], want[32];
	struct nodeinfo ni1, ni2;
	int cs1, cs2, tok;

	if (!CHECK(NgMkSockNode(NULL, &cs1, NULL) == 0 &&
		   NgMkSockNode(NULL, &cs2, NULL) == 0, "peer: make two nodes"))
		return;
	nodeinfo(cs1, ".", &ni1, from);
	nodeinfo(cs2, ".", &ni2, from);
	snprintf(want, sizeof(want), "[%x]:", ni2.id);
	tok = NgSendMsg(cs1, want, 12345, 7, "abc", 4);
	CHECK(tok >= 0, "peer: send a private message to the other node");
	CHECK(NgRecvMsg(cs2, &u.m, sizeof(u), from) == (int)sizeof(u.m) + 4 &&
	      u.m.header.typecookie == 12345 && u.m.header.cmd == 7 &&
	      !strcmp(u.m.data, "abc"), "peer: it arrives whole");
	snprintf(want, sizeof(want), "[%x]:", ni1.id);
	CHECK(!strcmp(from, want), "peer: from the sender %s (%s)", want, from);
	CHECK(NgSendReplyMsg(cs2, from, &u.m, "xyz", 4) == 0, "peer: reply");
	CHECK(NgRecvMsg(cs1, &u.m, sizeof(u), from) == (int)sizeof(u.m) + 4 &&
	      (u.m.header.flags & NGF_RESP) && u.m.header.token == (unsigned)tok &&
	      !strcmp(u.m.data, "xyz"), "peer: the reply arrives with the token");
	close(cs1);
	close(cs2);
}

/* Closing only the data socket leaves the node; its descriptor number may
 * come back for another node's socket without harming the first node. */
static void t_ds_reuse(void)
{
	char from[NG_PATHSIZ];
	struct nodeinfo ni;
	unsigned char buf[4];
	int cs, ds, cs2, ds2;

	if (!CHECK(NgMkSockNode("ngsock_dsreuse", &cs, &ds) == 0,
		   "dsreuse: make node"))
		return;
	close(ds);
	CHECK(NgMkSockNode(NULL, &cs2, &ds2) == 0, "dsreuse: a second node");
	CHECK(nodeinfo(cs, ".", &ni, from) == 0 &&
	      !strcmp(ni.name, "ngsock_dsreuse"),
	      "dsreuse: the first node lives on after its ds closed");
	CHECK(NgSendData(ds, NULL, buf, 1) < 0 && errno == ENOTSOCK,
	      "dsreuse: the closed ds's number (now the library's) is no data socket: ENOTSOCK");
	CHECK(ng_mkpeer(cs2, ".", "echo", "e", "e") >= 0 &&
	      NgSendData(ds2, "e", (const unsigned char *)"z", 1) == 0 &&
	      NgRecvData(ds2, buf, sizeof(buf), NULL) == 1 && buf[0] == 'z',
	      "dsreuse: the second node's data socket works");
	NgSendMsg(cs2, "e", NGM_GENERIC_COOKIE, NGM_SHUTDOWN, NULL, 0);
	close(ds2);
	close(cs2);
	close(cs);
}

/* Without csp the node lives as long as its data socket. */
static void t_no_csp(void)
{
	char from[NG_PATHSIZ];
	struct nodeinfo ni;
	int ds, cs2, ds2, i, gone = 0;

	if (!CHECK(NgMkSockNode("ngsock_nocsp", NULL, &ds) == 0,
		   "nocsp: make a node with only a data socket"))
		return;
	CHECK(NgMkSockNode(NULL, &cs2, NULL) == 0 &&
	      nodeinfo(cs2, "ngsock_nocsp:", &ni, from) == 0,
	      "nocsp: it is there");
	close(ds);
	CHECK(NgMkSockNode(NULL, NULL, &ds2) == 0, "nocsp: another node");
	for (i = 0; i < 50 && !gone; i++) {
		if (nodeinfo(cs2, "ngsock_nocsp:", &ni, from) < 0 && errno == ENOENT)
			gone = 1;
		else
			usleep(100000);
	}
	CHECK(gone, "nocsp: after close(ds) the node is gone");
	close(ds2);
	close(cs2);
}

/* Sizes: one netlink attribute carries a message or packet, never cut. */
static void t_limits(void)
{
	static unsigned char big[70000];
	char hook[NG_HOOKSIZ + 8], name[NG_HOOKSIZ];
	struct ng_mesg *reply = NULL;
	unsigned char *pkt = NULL;
	int cs, ds, i, bad = 0, len;

	if (!CHECK(NgMkSockNode(NULL, &cs, &ds) == 0, "limits: make node"))
		return;
	memset(hook, 'h', sizeof(hook) - 1);
	hook[sizeof(hook) - 1] = '\0';
	CHECK(NgSendData(ds, hook, big, 1) < 0 && errno == EINVAL,
	      "limits: a hook name longer than NG_HOOKSIZ: EINVAL");
	CHECK(NgSendMsg(cs, ".", 4242, 1, big, sizeof(big)) < 0 &&
	      errno == EMSGSIZE, "limits: a 70000-byte message: EMSGSIZE");
	CHECK(ng_mkpeer(cs, ".", "echo", "e", "e") >= 0, "limits: mkpeer echo");
	CHECK(NgSendData(ds, "e", big, sizeof(big)) < 0 && errno == EMSGSIZE,
	      "limits: a 70000-byte packet: EMSGSIZE");
	memset(big, 0x5a, sizeof(big));
	len = 65531;	/* the most one attribute carries */
	CHECK(NgSendData(ds, "e", big, len) == 0 &&
	      NgAllocRecvData(ds, &pkt, name) == len && pkt &&
	      !memcmp(pkt, big, len) && !strcmp(name, "e"),
	      "limits: a %d-byte packet comes back whole (NgAllocRecvData)", len);
	free(pkt);
	/* A reply that cannot fit one attribute is refused, not cut. */
	CHECK(ng_mkpeer(cs, ".", "hub", "hub", "c") >= 0, "limits: mkpeer hub");
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "l%d", i);
		if (ng_mkpeer(cs, "hub", "hub", name, "up") < 0)
			bad++;
	}
	CHECK(bad == 0, "limits: 1000 more nodes (%d failed)", bad);
	/* The reply is queued to us, so the drop shows in the counters. */
	CHECK(NgSendMsg(cs, ".", NGM_GENERIC_COOKIE, NGM_LISTNODES, NULL, 0) >= 0,
	      "limits: listnodes of 1000+ nodes is sent");
	CHECK(!readable(cs, 1000),
	      "limits: its reply (over 65531 bytes) is not delivered cut");
	CHECK(NgSendMsg(cs, ".", NGM_GENERIC_COOKIE, NGM_TEXT_STATUS, NULL, 0) >= 0 &&
	      NgAllocRecvMsg(cs, &reply, NULL) > (int)sizeof(*reply) && reply &&
	      strstr(reply->data, "delivered, 1 dropped") != NULL,
	      "limits: the status counts the refused reply as one message dropped");
	if (reply)
		printf("# %s", reply->data);
	free(reply);
	NgSendMsg(cs, "hub", NGM_GENERIC_COOKIE, NGM_SHUTDOWN, NULL, 0);
	NgSendMsg(cs, "e", NGM_GENERIC_COOKIE, NGM_SHUTDOWN, NULL, 0);
	close(ds);
	close(cs);
}

struct tcase {
	const char *name;
	void (*fn)(void);
};

static const struct tcase cases[] = {
	{ "send_recv", t_send_recv },
	{ "hub", t_hub },
	{ "hooks1000", t_hooks1000 },
	{ "queue1000", t_queue1000 },
	{ "names", t_names },
	{ "enotconn", t_enotconn },
	{ "errors", t_addr_errors },
	{ "linger", t_linger },
	{ "ascii", t_ascii },
	{ "peer", t_peer_msg },
	{ "dsreuse", t_ds_reuse },
	{ "nocsp", t_no_csp },
	{ "limits", t_limits },
	{ "syncreply", t_sync_reply },
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/*
 * Column X of Documentation/security.rst through sockets made before
 * unshare: root's socket node, its control and data sockets kept by a
 * process that then drops to uid 65534 and becomes root of a user and
 * network namespace of its own.  The node's namespace belongs to the
 * initial user namespace, where the process now has no capability: the
 * kernel checks the sender as well as the opener, so every change and
 * every packet is refused.  Its own namespace's graph is open to it (the
 * control case).
 */
static int carry(void)
{
	int cs, ds, status;
	char map[32];
	pid_t pid;

	if (!CHECK(NgMkSockNode("carried", &cs, &ds) == 0, "carry: root makes a node"))
		return 1;
	CHECK(ng_mkpeer(cs, ".", "hub", "h", "x") == 0, "carry: with a hub on hook h");
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		int cs2, ds2;

		if (setgroups(0, NULL) || setgid(65534) || setuid(65534) ||
		    /* setuid cleared "dumpable": /proc/self would be root's */
		    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) ||
		    unshare(CLONE_NEWUSER | CLONE_NEWNET)) {
			printf("# carry: cannot become a user namespace's root: %s\n",
			       strerror(errno));
			_exit(4);
		}
		(void)write_file("/proc/self/setgroups", "deny");
		if (write_file("/proc/self/uid_map", "0 65534 1") ||
		    write_file("/proc/self/gid_map", "0 65534 1")) {
			printf("# carry: uid/gid map: %s\n", strerror(errno));
			_exit(4);
		}
		snprintf(map, sizeof(map), "%d", (int)getuid());
		CHECK(!strcmp(map, "0"), "carry: the child is uid 0 of its own user namespace");
		errno = 0;
		CHECK(ng_mkpeer(cs, ".", "hub", "h2", "x") < 0 && errno == EPERM,
		      "carry: mkpeer through the carried control socket: EPERM");
		errno = 0;
		CHECK(NgSendAsciiMsg(cs, "carried:", "nodeinfo") < 0 && errno == EPERM,
		      "carry: a read-only message through it: EPERM");
		errno = 0;
		CHECK(NgSendData(ds, "h", (const unsigned char *)"x", 1) < 0 &&
		      errno == EPERM, "carry: data through the carried data socket: EPERM");
		errno = 0;
		CHECK(NgMkSockNode(NULL, &cs2, &ds2) == 0,
		      "carry: a node in its own namespace is allowed");
		fflush(stdout);
		_exit(tap_failed ? 1 : 0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return 1;
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "carry: the child's checks passed");
	/* seen through a new node: the child changed nothing (the carried
	 * sockets' library state is the child's now, so not through them) */
	{
		struct nodeinfo ni;
		char from[NG_PATHSIZ];
		int cs3, ds3;

		if (CHECK(NgMkSockNode(NULL, &cs3, &ds3) == 0,
			  "carry: root makes a second node")) {
			CHECK(nodeinfo(cs3, "carried:", &ni, from) == 0 &&
			      ni.hooks == 1, "carry: the carried node still has its one hook");
			close(cs3);
			close(ds3);
		}
	}
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

int main(int argc, char **argv)
{
	size_t i;
	int a;

	if (getenv("NG_DEBUG"))
		NgSetDebug(atoi(getenv("NG_DEBUG")));
	if (argc > 1 && !strcmp(argv[1], "list")) {
		for (i = 0; i < NCASES; i++)
			printf("%s\n", cases[i].name);
		return 0;
	}
	if (argc > 1 && (!strcmp(argv[1], "mk") || !strcmp(argv[1], "hold"))) {
		int cs, ds;

		if (NgMkSockNode(argc > 2 ? argv[2] : NULL, &cs, &ds) < 0) {
			fprintf(stderr, "ngsock_test: NgMkSockNode: %s\n",
				strerror(errno));
			return 71;
		}
		if (!strcmp(argv[1], "mk"))
			return 0;
		printf("ready\n");
		fflush(stdout);
		for (;;)
			pause();
	}
	if (argc > 1 && !strcmp(argv[1], "carry"))
		return carry();
	if (argc == 1) {
		for (i = 0; i < NCASES; i++)
			cases[i].fn();
	}
	for (a = 1; a < argc; a++) {
		for (i = 0; i < NCASES; i++)
			if (!strcmp(argv[a], cases[i].name))
				break;
		if (i == NCASES) {
			fprintf(stderr, "ngsock_test: no case %s\n", argv[a]);
			return 2;
		}
		cases[i].fn();
	}
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}
