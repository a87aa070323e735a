// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for the kernel socket layer (kernel/ksock.c) and its socket
 * option container, on real sockets in init_net over loopback: UDP and TCP
 * over IPv4 and IPv6, AF_UNIX stream and datagram (abstract names), socket
 * options, the credential rule, and teardown while data is arriving.
 *
 * Every socket a test opens is tracked in the test's context and closed by
 * the exit method if the test body did not close it.  Asynchronous events
 * are waited for with completions and timeouts.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/cred.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/kthread.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tcp.h>
#include <linux/un.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "../kernel/ksock.h"

#define T_NET		(&init_net)
#define T_TMO		(10 * HZ)
#define T_MAXSOCK	8

/* ---- events reported by upcalls ---- */

struct t_ev {
	struct completion data;
	struct completion wspace;
	struct completion state;
	struct completion conn;
	struct completion any;	/* data_ready or state_change */
	atomic_t ndata;
	atomic_t nstate;
	atomic_t nconn;
	int conn_err;
};

static void t_data_ready(struct ng_ksock *ks, void *arg)
{
	struct t_ev *e = arg;

	atomic_inc(&e->ndata);
	complete(&e->data);
	complete(&e->any);
}

static void t_write_space(struct ng_ksock *ks, void *arg)
{
	struct t_ev *e = arg;

	complete(&e->wspace);
}

static void t_state_change(struct ng_ksock *ks, void *arg)
{
	struct t_ev *e = arg;

	atomic_inc(&e->nstate);
	complete(&e->state);
	complete(&e->any);
}

static void t_connected(struct ng_ksock *ks, int err, void *arg)
{
	struct t_ev *e = arg;

	WRITE_ONCE(e->conn_err, err);
	atomic_inc(&e->nconn);
	complete(&e->conn);
}

static const struct ng_ksock_upcalls t_up = {
	.data_ready = t_data_ready,
	.write_space = t_write_space,
	.state_change = t_state_change,
	.connected = t_connected,
};

/* ---- per-test context: every open socket ---- */

struct t_ctx {
	struct ng_ksock *ks[T_MAXSOCK];
};

static int t_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, sizeof(struct t_ctx), GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

static void t_exit(struct kunit *test)
{
	struct t_ctx *c = test->priv;
	int i;

	for (i = 0; i < T_MAXSOCK; i++)
		ng_ksock_close(c->ks[i]);
}

static struct t_ev *t_ev_new(struct kunit *test)
{
	struct t_ev *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, e);
	init_completion(&e->data);
	init_completion(&e->wspace);
	init_completion(&e->state);
	init_completion(&e->conn);
	init_completion(&e->any);
	return e;
}

static void t_track(struct kunit *test, struct ng_ksock *ks)
{
	struct t_ctx *c = test->priv;
	int i;

	for (i = 0; i < T_MAXSOCK; i++) {
		if (!c->ks[i]) {
			c->ks[i] = ks;
			return;
		}
	}
	ng_ksock_close(ks);
	KUNIT_FAIL_AND_ABORT(test, "too many sockets");
}

static void t_close(struct kunit *test, struct ng_ksock *ks)
{
	struct t_ctx *c = test->priv;
	int i;

	for (i = 0; i < T_MAXSOCK; i++)
		if (c->ks[i] == ks)
			c->ks[i] = NULL;
	ng_ksock_close(ks);
}

static struct ng_ksock *t_sock(struct kunit *test, int family, int type,
			       int proto, struct t_ev *e)
{
	struct ng_ksock *ks = NULL;
	int err;

	err = ng_ksock_create(T_NET, family, type, proto, current_cred(),
			      e ? &t_up : NULL, e, &ks);
	KUNIT_ASSERT_EQ(test, err, 0);
	t_track(test, ks);
	return ks;
}

static int t_loopback(int family, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;

		sin->sin_family = AF_INET;
		sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return sizeof(*sin);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_addr = in6addr_loopback;
		return sizeof(*sin6);
	}
}

static u16 t_port(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)ss)->sin_port);
	return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
}

/* Bind @ks to the loopback address, port 0; return the bound name. */
static int t_bind_lo(struct kunit *test, struct ng_ksock *ks, int family,
		     struct sockaddr_storage *name)
{
	struct sockaddr_storage ss;
	int len = t_loopback(family, &ss);

	KUNIT_ASSERT_EQ(test, ng_ksock_bind(ks, (struct sockaddr *)&ss, len), 0);
	len = ng_ksock_getname(ks, name);
	KUNIT_ASSERT_GT(test, len, 0);
	KUNIT_ASSERT_NE(test, t_port(name), 0);
	return len;
}

static int t_unix_name(struct sockaddr_un *sun, const char *tag)
{
	int n;

	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	/* abstract: sun_path[0] == 0 */
	n = scnprintf(sun->sun_path + 1, sizeof(sun->sun_path) - 1,
		      "ngksock-%s-%08x", tag, get_random_u32());
	return offsetof(struct sockaddr_un, sun_path) + 1 + n;
}

/*
 * Receive, waiting for data_ready or state_change while nothing is
 * queued.  Returns what ng_ksock_recv() returned, or -ETIMEDOUT.
 */
static int t_recv_wait(struct ng_ksock *ks, struct t_ev *e, void *buf,
		       size_t len, struct sockaddr_storage *from, int *fromlen)
{
	int ret;

	for (;;) {
		ret = ng_ksock_recv(ks, buf, len, from, fromlen, NULL);
		if (ret != -EAGAIN)
			return ret;
		if (!wait_for_completion_timeout(&e->any, T_TMO))
			return -ETIMEDOUT;
	}
}

/* Receive exactly @len stream bytes. */
static int t_recv_all(struct ng_ksock *ks, struct t_ev *e, void *buf,
		      size_t len)
{
	size_t got = 0;
	int ret;

	while (got < len) {
		ret = t_recv_wait(ks, e, (u8 *)buf + got, len - got, NULL,
				  NULL);
		if (ret <= 0)
			return ret ?: -EPIPE;
		got += ret;
	}
	return got;
}

/* ---- sockopt(9) container ---- */

static void t_sockopt_container(struct kunit *test)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 7 }, lg2 = {};
	struct ng_sockopt so;
	u64 big = 0;
	int v = 0;

	/* int-sized: internal storage */
	KUNIT_ASSERT_EQ(test, ng_sockopt_init(&so, SOL_SOCKET, SO_MARK,
					      sizeof(int), GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, so.level, SOL_SOCKET);
	KUNIT_EXPECT_EQ(test, so.name, SO_MARK);
	KUNIT_EXPECT_PTR_EQ(test, so.data, (void *)so.buf);
	KUNIT_EXPECT_EQ(test, ng_sockopt_setint(&so, 42), 0);
	KUNIT_EXPECT_EQ(test, ng_sockopt_getint(&so, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 42);
	/* size mismatches */
	KUNIT_EXPECT_EQ(test, ng_sockopt_get(&so, &big, sizeof(big)), -EINVAL);
	KUNIT_EXPECT_EQ(test, ng_sockopt_set(&so, &big, sizeof(big)), -EINVAL);
	KUNIT_EXPECT_EQ(test, ng_sockopt_set(&so, &big, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, ng_sockopt_getint(&so, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 42);
	ng_sockopt_destroy(&so);
	KUNIT_EXPECT_NULL(test, so.data);
	KUNIT_EXPECT_EQ(test, ng_sockopt_getint(&so, &v), -EINVAL);

	/* larger than an int: allocated at init */
	KUNIT_ASSERT_EQ(test, ng_sockopt_init(&so, SOL_SOCKET, SO_LINGER,
					      sizeof(lg), GFP_KERNEL), 0);
	KUNIT_EXPECT_PTR_NE(test, so.data, (void *)so.buf);
	KUNIT_EXPECT_EQ(test, ng_sockopt_setint(&so, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, ng_sockopt_set(&so, &lg, sizeof(lg)), 0);
	KUNIT_EXPECT_EQ(test, ng_sockopt_get(&so, &lg2, sizeof(lg2)), 0);
	KUNIT_EXPECT_EQ(test, lg2.l_onoff, 1);
	KUNIT_EXPECT_EQ(test, lg2.l_linger, 7);
	KUNIT_EXPECT_EQ(test, ng_sockopt_getint(&so, &v), -EINVAL);
	ng_sockopt_destroy(&so);

	/* unset: the first set fixes the size */
	KUNIT_ASSERT_EQ(test, ng_sockopt_init(&so, IPPROTO_TCP, TCP_NODELAY, 0,
					      GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, ng_sockopt_getint(&so, &v), -EINVAL);
	KUNIT_EXPECT_EQ(test, ng_sockopt_set(&so, &big, sizeof(big)), 0);
	KUNIT_EXPECT_EQ(test, so.size, sizeof(big));
	KUNIT_EXPECT_EQ(test, ng_sockopt_setint(&so, 1), -EINVAL);
	ng_sockopt_destroy(&so);
}

/* ---- UDP ---- */

static void t_udp(struct kunit *test, int family)
{
	struct sockaddr_storage na, nb, from;
	struct t_ev *ea = t_ev_new(test), *eb = t_ev_new(test);
	struct ng_ksock *a, *b;
	static const char msg[] = "hello over udp";
	char buf[64];
	int lena, lenb, fromlen = 0, ret;

	a = t_sock(test, family, SOCK_DGRAM, IPPROTO_UDP, ea);
	b = t_sock(test, family, SOCK_DGRAM, IPPROTO_UDP, eb);
	lena = t_bind_lo(test, a, family, &na);
	lenb = t_bind_lo(test, b, family, &nb);
	KUNIT_EXPECT_NE(test, t_port(&na), t_port(&nb));

	KUNIT_EXPECT_EQ(test, ng_ksock_recv(b, buf, sizeof(buf), NULL, NULL,
					    NULL), -EAGAIN);
	/* unconnected: no destination */
	KUNIT_EXPECT_LT(test, ng_ksock_send(a, msg, sizeof(msg), NULL, 0), 0);

	ret = ng_ksock_send(a, msg, sizeof(msg), (struct sockaddr *)&nb, lenb);
	KUNIT_ASSERT_EQ(test, ret, (int)sizeof(msg));
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&eb->data, T_TMO),
			0UL);
	KUNIT_EXPECT_GE(test, atomic_read(&eb->ndata), 1);
	ret = ng_ksock_recv(b, buf, sizeof(buf), &from, &fromlen, NULL);
	KUNIT_ASSERT_EQ(test, ret, (int)sizeof(msg));
	KUNIT_EXPECT_MEMEQ(test, buf, msg, sizeof(msg));
	KUNIT_EXPECT_EQ(test, fromlen, lena);
	KUNIT_EXPECT_EQ(test, from.ss_family, (sa_family_t)family);
	KUNIT_EXPECT_EQ(test, t_port(&from), t_port(&na));

	/* reply to the source address; a was never notified of data */
	KUNIT_EXPECT_EQ(test, atomic_read(&ea->ndata), 0);
	ret = ng_ksock_send(b, "pong", 4, (struct sockaddr *)&from, fromlen);
	KUNIT_ASSERT_EQ(test, ret, 4);
	ret = t_recv_wait(a, ea, buf, sizeof(buf), NULL, NULL);
	KUNIT_EXPECT_EQ(test, ret, 4);
	KUNIT_EXPECT_MEMEQ(test, buf, "pong", 4);

	/* connected datagram socket: send without an address */
	KUNIT_ASSERT_EQ(test, ng_ksock_connect(a, (struct sockaddr *)&nb, lenb),
			0);
	ret = ng_ksock_send(a, "x", 1, NULL, 0);
	KUNIT_EXPECT_EQ(test, ret, 1);
	ret = t_recv_wait(b, eb, buf, sizeof(buf), NULL, NULL);
	KUNIT_EXPECT_EQ(test, ret, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&ea->nconn), 0);
	t_close(test, a);
	t_close(test, b);
}

static void t_udp4(struct kunit *test)
{
	t_udp(test, AF_INET);
}

static void t_udp6(struct kunit *test)
{
	t_udp(test, AF_INET6);
}

/* ---- TCP ---- */

static void t_tcp(struct kunit *test, int family)
{
	struct t_ev *el = t_ev_new(test), *ec = t_ev_new(test);
	struct t_ev *ea = t_ev_new(test);
	struct sockaddr_storage nl, nc, peer;
	struct ng_ksock *l, *c, *a = NULL;
	static const char m1[] = "client to server";
	static const char m2[] = "server to client, a bit longer";
	char buf[64];
	int lenl, ret;

	l = t_sock(test, family, SOCK_STREAM, IPPROTO_TCP, el);
	c = t_sock(test, family, SOCK_STREAM, IPPROTO_TCP, ec);
	lenl = t_bind_lo(test, l, family, &nl);
	KUNIT_ASSERT_EQ(test, ng_ksock_listen(l, 8), 0);
	KUNIT_EXPECT_EQ(test, ng_ksock_accept(l, &t_up, ea, &a), -EAGAIN);

	ret = ng_ksock_connect(c, (struct sockaddr *)&nl, lenl);
	KUNIT_ASSERT_EQ(test, ret, -EINPROGRESS);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&ec->conn, T_TMO),
			0UL);
	KUNIT_EXPECT_EQ(test, READ_ONCE(ec->conn_err), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&ec->nconn), 1);

	/* the listener's data_ready reports the pending connection */
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&el->data, T_TMO),
			0UL);
	KUNIT_ASSERT_EQ(test, ng_ksock_accept(l, &t_up, ea, &a), 0);
	t_track(test, a);
	KUNIT_EXPECT_EQ(test, ng_ksock_accept(l, &t_up, ea, &a), -EAGAIN);

	/* the accepted socket's peer is the client */
	KUNIT_EXPECT_GT(test, ng_ksock_getname(c, &nc), 0);
	KUNIT_EXPECT_GT(test, ng_ksock_getpeername(a, &peer), 0);
	KUNIT_EXPECT_EQ(test, t_port(&peer), t_port(&nc));
	KUNIT_EXPECT_GT(test, ng_ksock_getpeername(c, &peer), 0);
	KUNIT_EXPECT_EQ(test, t_port(&peer), t_port(&nl));

	/* data both ways */
	KUNIT_ASSERT_EQ(test, ng_ksock_send(c, m1, sizeof(m1), NULL, 0),
			(int)sizeof(m1));
	KUNIT_ASSERT_EQ(test, t_recv_all(a, ea, buf, sizeof(m1)),
			(int)sizeof(m1));
	KUNIT_EXPECT_MEMEQ(test, buf, m1, sizeof(m1));
	KUNIT_EXPECT_GE(test, atomic_read(&ea->ndata), 1);
	KUNIT_ASSERT_EQ(test, ng_ksock_send(a, m2, sizeof(m2), NULL, 0),
			(int)sizeof(m2));
	KUNIT_ASSERT_EQ(test, t_recv_all(c, ec, buf, sizeof(m2)),
			(int)sizeof(m2));
	KUNIT_EXPECT_MEMEQ(test, buf, m2, sizeof(m2));
	/* the listener saw no data of its child */
	KUNIT_EXPECT_EQ(test, ng_ksock_recv(a, buf, sizeof(buf), NULL, NULL,
					    NULL), -EAGAIN);

	/* EOF: the client shuts down its sending side */
	KUNIT_ASSERT_EQ(test, ng_ksock_shutdown(c, SHUT_WR), 0);
	KUNIT_EXPECT_EQ(test, t_recv_wait(a, ea, buf, sizeof(buf), NULL, NULL),
			0);
	/* the other direction still works */
	KUNIT_EXPECT_EQ(test, ng_ksock_send(a, "z", 1, NULL, 0), 1);
	KUNIT_EXPECT_EQ(test, t_recv_wait(c, ec, buf, sizeof(buf), NULL, NULL),
			1);
	KUNIT_EXPECT_EQ(test, atomic_read(&ec->nconn), 1);

	t_close(test, a);
	t_close(test, c);
	t_close(test, l);
}

static void t_tcp4(struct kunit *test)
{
	t_tcp(test, AF_INET);
}

static void t_tcp6(struct kunit *test)
{
	t_tcp(test, AF_INET6);
}

static void t_tcp_refused(struct kunit *test)
{
	struct t_ev *ec = t_ev_new(test);
	struct sockaddr_storage name;
	struct ng_ksock *tmp, *c;
	int len, ret;

	/* a port nobody listens on: bound once, then closed */
	tmp = t_sock(test, AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL);
	len = t_bind_lo(test, tmp, AF_INET, &name);
	t_close(test, tmp);

	c = t_sock(test, AF_INET, SOCK_STREAM, IPPROTO_TCP, ec);
	ret = ng_ksock_connect(c, (struct sockaddr *)&name, len);
	KUNIT_ASSERT_EQ(test, ret, -EINPROGRESS);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&ec->conn, T_TMO),
			0UL);
	KUNIT_EXPECT_EQ(test, READ_ONCE(ec->conn_err), -ECONNREFUSED);
	KUNIT_EXPECT_EQ(test, atomic_read(&ec->nconn), 1);
	/* the first send reports the pending error, later ones EPIPE */
	KUNIT_EXPECT_EQ(test, ng_ksock_send(c, "x", 1, NULL, 0), -ECONNREFUSED);
	KUNIT_EXPECT_EQ(test, ng_ksock_send(c, "x", 1, NULL, 0), -EPIPE);
	t_close(test, c);
}

/* ---- AF_UNIX ---- */

static void t_unix_stream(struct kunit *test)
{
	struct t_ev *el = t_ev_new(test), *ec = t_ev_new(test);
	struct t_ev *ea = t_ev_new(test);
	struct ng_ksock *l, *c, *a = NULL;
	struct sockaddr_un sun;
	char buf[32];
	int len;

	l = t_sock(test, AF_UNIX, SOCK_STREAM, 0, el);
	c = t_sock(test, AF_UNIX, SOCK_STREAM, 0, ec);
	len = t_unix_name(&sun, "s");
	KUNIT_ASSERT_EQ(test, ng_ksock_bind(l, (struct sockaddr *)&sun, len), 0);
	KUNIT_ASSERT_EQ(test, ng_ksock_listen(l, 4), 0);
	/* AF_UNIX connects at once */
	KUNIT_ASSERT_EQ(test, ng_ksock_connect(c, (struct sockaddr *)&sun, len),
			0);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&el->data, T_TMO),
			0UL);
	/* data queued before accept is reported right after it */
	KUNIT_ASSERT_EQ(test, ng_ksock_send(c, "early", 5, NULL, 0), 5);
	KUNIT_ASSERT_EQ(test, ng_ksock_accept(l, &t_up, ea, &a), 0);
	t_track(test, a);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&ea->data, T_TMO),
			0UL);
	KUNIT_EXPECT_EQ(test, ng_ksock_recv(a, buf, sizeof(buf), NULL, NULL,
					    NULL), 5);
	KUNIT_EXPECT_MEMEQ(test, buf, "early", 5);

	KUNIT_ASSERT_EQ(test, ng_ksock_send(a, "back", 4, NULL, 0), 4);
	KUNIT_EXPECT_EQ(test, t_recv_all(c, ec, buf, 4), 4);
	KUNIT_EXPECT_MEMEQ(test, buf, "back", 4);
	KUNIT_EXPECT_EQ(test, atomic_read(&ec->nconn), 0);

	/* closing one end is EOF at the other */
	t_close(test, c);
	KUNIT_EXPECT_EQ(test, t_recv_wait(a, ea, buf, sizeof(buf), NULL, NULL),
			0);
	t_close(test, a);
	t_close(test, l);
}

static void t_unix_dgram(struct kunit *test)
{
	struct t_ev *ea = t_ev_new(test), *eb = t_ev_new(test);
	struct sockaddr_un sa, sb;
	struct sockaddr_storage from;
	struct ng_ksock *a, *b;
	int lena, lenb, fromlen = 0;
	char buf[32];

	a = t_sock(test, AF_UNIX, SOCK_DGRAM, 0, ea);
	b = t_sock(test, AF_UNIX, SOCK_DGRAM, 0, eb);
	lena = t_unix_name(&sa, "a");
	lenb = t_unix_name(&sb, "b");
	KUNIT_ASSERT_EQ(test, ng_ksock_bind(a, (struct sockaddr *)&sa, lena), 0);
	KUNIT_ASSERT_EQ(test, ng_ksock_bind(b, (struct sockaddr *)&sb, lenb), 0);

	KUNIT_ASSERT_EQ(test, ng_ksock_send(a, "dgram", 5,
					    (struct sockaddr *)&sb, lenb), 5);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&eb->data, T_TMO),
			0UL);
	KUNIT_ASSERT_EQ(test, ng_ksock_recv(b, buf, sizeof(buf), &from,
					    &fromlen, NULL), 5);
	KUNIT_EXPECT_MEMEQ(test, buf, "dgram", 5);
	KUNIT_EXPECT_EQ(test, fromlen, lena);
	KUNIT_EXPECT_MEMEQ(test, &from, &sa, lena);

	/* reply to the sender's address */
	KUNIT_ASSERT_EQ(test, ng_ksock_send(b, "re", 2,
					    (struct sockaddr *)&from, fromlen),
			2);
	KUNIT_EXPECT_EQ(test, t_recv_wait(a, ea, buf, sizeof(buf), NULL, NULL),
			2);
	t_close(test, a);
	t_close(test, b);
}

/* ---- socket options ---- */

static void t_options(struct kunit *test)
{
	struct ng_ksock *s, *u;
	struct ng_sockopt so;
	int v = -1;
	u64 big = 1;

	s = t_sock(test, AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL);

	KUNIT_EXPECT_EQ(test, ng_ksock_setopt_int(s, SOL_SOCKET, SO_RCVBUF,
						  65536), 0);
	KUNIT_EXPECT_EQ(test, ng_ksock_getopt_int(s, SOL_SOCKET, SO_RCVBUF,
						  &v), 0);
	KUNIT_EXPECT_EQ(test, v, 2 * 65536);	/* Linux doubles it */

	KUNIT_EXPECT_EQ(test, ng_ksock_setopt_int(s, SOL_SOCKET, SO_MARK, 42),
			0);
	KUNIT_EXPECT_EQ(test, ng_ksock_getopt_int(s, SOL_SOCKET, SO_MARK, &v),
			0);
	KUNIT_EXPECT_EQ(test, v, 42);
	KUNIT_EXPECT_EQ(test, s->sock->sk->sk_mark, 42U);

	KUNIT_EXPECT_EQ(test, ng_ksock_getopt_int(s, SOL_SOCKET, SO_REUSEADDR,
						  &v), 0);
	KUNIT_EXPECT_EQ(test, v, 0);
	KUNIT_EXPECT_EQ(test, ng_ksock_setopt_int(s, SOL_SOCKET, SO_REUSEADDR,
						  1), 0);
	KUNIT_EXPECT_EQ(test, ng_ksock_getopt_int(s, SOL_SOCKET, SO_REUSEADDR,
						  &v), 0);
	KUNIT_EXPECT_EQ(test, v, 1);

	KUNIT_EXPECT_EQ(test, ng_ksock_setopt_int(s, IPPROTO_TCP, TCP_NODELAY,
						  1), 0);
	KUNIT_EXPECT_EQ(test, ng_ksock_getopt_int(s, IPPROTO_TCP, TCP_NODELAY,
						  &v), 0);
	KUNIT_EXPECT_EQ(test, v, 1);
	KUNIT_EXPECT_EQ(test, ng_ksock_setopt_int(s, IPPROTO_TCP, TCP_NODELAY,
						  0), 0);
	KUNIT_EXPECT_EQ(test, ng_ksock_getopt_int(s, IPPROTO_TCP, TCP_NODELAY,
						  &v), 0);
	KUNIT_EXPECT_EQ(test, v, 0);

	KUNIT_EXPECT_EQ(test, ng_ksock_setopt_int(s, IPPROTO_IP, IP_TOS, 0x10),
			0);
	KUNIT_EXPECT_EQ(test, ng_ksock_getopt_int(s, IPPROTO_IP, IP_TOS, &v),
			0);
	KUNIT_EXPECT_EQ(test, v, 0x10);

	KUNIT_EXPECT_EQ(test, ng_ksock_getopt_int(s, SOL_SOCKET, SO_TYPE, &v),
			0);
	KUNIT_EXPECT_EQ(test, v, SOCK_STREAM);

	/* size mismatches */
	ng_sockopt_init(&so, SOL_SOCKET, SO_MARK, sizeof(big), GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, ng_sockopt_set(&so, &big, sizeof(big)), 0);
	KUNIT_EXPECT_EQ(test, ng_ksock_getopt(s, &so), -EINVAL);
	ng_sockopt_destroy(&so);
	ng_sockopt_init(&so, SOL_SOCKET, SO_MARK, 0, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, ng_ksock_setopt(s, &so), -EINVAL);	/* unset */
	ng_sockopt_destroy(&so);
	ng_sockopt_init(&so, SOL_SOCKET, SO_MARK, 2, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, ng_ksock_setopt(s, &so), -EINVAL);	/* short */
	ng_sockopt_destroy(&so);

	/* options outside the list, and levels that do not apply */
	KUNIT_EXPECT_EQ(test, ng_ksock_getopt_int(s, SOL_SOCKET, SO_LINGER,
						  &v), -ENOPROTOOPT);
	KUNIT_EXPECT_EQ(test, ng_ksock_getopt_int(s, IPPROTO_IPV6, IPV6_V6ONLY,
						  &v), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, ng_ksock_setopt_int(s, SOL_SOCKET, 0x7fff, 1),
			-ENOPROTOOPT);

	u = t_sock(test, AF_INET6, SOCK_DGRAM, IPPROTO_UDP, NULL);
	KUNIT_EXPECT_EQ(test, ng_ksock_setopt_int(u, IPPROTO_IPV6, IPV6_V6ONLY,
						  1), 0);
	KUNIT_EXPECT_EQ(test, ng_ksock_getopt_int(u, IPPROTO_IPV6, IPV6_V6ONLY,
						  &v), 0);
	KUNIT_EXPECT_EQ(test, v, 1);
	KUNIT_EXPECT_EQ(test, ng_ksock_getopt_int(u, IPPROTO_TCP, TCP_NODELAY,
						  &v), -EOPNOTSUPP);
	t_close(test, u);
	t_close(test, s);
}

/* ---- the credential rule ---- */

static void t_credentials(struct kunit *test)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	const struct cred *old;
	struct ng_ksock *ks = NULL;
	struct socket *raw = NULL;
	struct cred *nobody;
	u16 port = 800 + get_random_u32() % 100;
	int err, mark = 7, v = 0;

	nobody = prepare_creds();
	KUNIT_ASSERT_NOT_NULL(test, nobody);
	nobody->uid = nobody->euid = nobody->suid = nobody->fsuid =
		KUIDT_INIT(65534);
	nobody->gid = nobody->egid = nobody->sgid = nobody->fsgid =
		KGIDT_INIT(65534);
	nobody->cap_effective = CAP_EMPTY_SET;
	nobody->cap_permitted = CAP_EMPTY_SET;
	nobody->cap_inheritable = CAP_EMPTY_SET;
	nobody->cap_ambient = CAP_EMPTY_SET;

	old = override_creds(nobody);
	/* the task itself is unprivileged: a plain kernel socket fails */
	err = sock_create_kern(T_NET, AF_INET, SOCK_STREAM, IPPROTO_TCP, &raw);
	if (!err) {
		sin.sin_port = htons(port);
		KUNIT_EXPECT_EQ(test, kernel_bind(raw, (void *)&sin,
						  sizeof(sin)), -EACCES);
		KUNIT_EXPECT_EQ(test, sock_setsockopt(raw, SOL_SOCKET, SO_MARK,
						      KERNEL_SOCKPTR(&mark),
						      sizeof(mark)), -EPERM);
		KUNIT_EXPECT_TRUE(test, uid_eq(raw->sk->sk_uid,
					       KUIDT_INIT(65534)));
		sock_release(raw);
	}
	KUNIT_EXPECT_EQ(test, err, 0);

	revert_creds(old);

	/*
	 * The same requests through ksock with nobody's credentials, made by
	 * this (root) task: they run as nobody, whoever calls.
	 */
	err = ng_ksock_create(T_NET, AF_INET, SOCK_STREAM, IPPROTO_TCP, nobody,
			      NULL, NULL, &ks);
	if (!err) {
		sin.sin_port = htons(port + 100);
		KUNIT_EXPECT_EQ(test, ng_ksock_bind(ks, (void *)&sin,
						    sizeof(sin)), -EACCES);
		KUNIT_EXPECT_EQ(test, ng_ksock_setopt_int(ks, SOL_SOCKET,
							  SO_MARK, mark), -EPERM);
		KUNIT_EXPECT_TRUE(test, uid_eq(ks->sock->sk->sk_uid,
					       KUIDT_INIT(65534)));
		/* and the caller's credentials are untouched */
		KUNIT_EXPECT_PTR_EQ(test, current_cred(), old);
		t_track(test, ks);
	}
	KUNIT_EXPECT_EQ(test, err, 0);
	/* a raw socket needs CAP_NET_RAW, as socket(2) wants */
	ks = NULL;
	KUNIT_EXPECT_EQ(test, ng_ksock_create(T_NET, AF_INET, SOCK_RAW,
					      IPPROTO_UDP, nobody, NULL, NULL,
					      &ks), -EPERM);
	KUNIT_EXPECT_NULL(test, ks);

	/* with root's credentials the privileged requests succeed */
	err = ng_ksock_create(T_NET, AF_INET, SOCK_STREAM, IPPROTO_TCP,
			      current_cred(), NULL, NULL, &ks);
	if (!err) {
		sin.sin_port = htons(port + 200);
		KUNIT_EXPECT_EQ(test, ng_ksock_bind(ks, (void *)&sin,
						    sizeof(sin)), 0);
		KUNIT_EXPECT_EQ(test, ng_ksock_setopt_int(ks, SOL_SOCKET,
							  SO_MARK, mark), 0);
		KUNIT_EXPECT_EQ(test, ng_ksock_getopt_int(ks, SOL_SOCKET,
							  SO_MARK, &v), 0);
		KUNIT_EXPECT_EQ(test, v, mark);
		t_track(test, ks);
	}
	KUNIT_EXPECT_EQ(test, err, 0);
	put_cred(nobody);
	KUNIT_EXPECT_PTR_EQ(test, current_cred(), old);
}

/* ---- callbacks: children, restore, close under traffic ---- */

/*
 * An accepted TCP child inherits the listener's callbacks; after close the
 * child must have the protocol's callbacks back, not ours.  A pending
 * child that is never accepted is disposed of by the listener's close and
 * its client sees the reset.
 */
static void t_tcp_children(struct kunit *test)
{
	struct t_ev *el = t_ev_new(test), *e1 = t_ev_new(test);
	struct t_ev *e2 = t_ev_new(test), *ea = t_ev_new(test);
	struct ng_ksock *l, *c1, *c2, *a = NULL;
	void (*def_data_ready)(struct sock *sk);
	void (*def_state_change)(struct sock *sk);
	struct sockaddr_storage nl;
	struct socket *raw;
	struct sock *sk;
	char buf[8];
	int lenl, ret, nstate;

	KUNIT_ASSERT_EQ(test, sock_create_kern(T_NET, AF_INET, SOCK_STREAM,
					       IPPROTO_TCP, &raw), 0);
	def_data_ready = raw->sk->sk_data_ready;
	def_state_change = raw->sk->sk_state_change;
	sock_release(raw);

	l = t_sock(test, AF_INET, SOCK_STREAM, IPPROTO_TCP, el);
	c1 = t_sock(test, AF_INET, SOCK_STREAM, IPPROTO_TCP, e1);
	c2 = t_sock(test, AF_INET, SOCK_STREAM, IPPROTO_TCP, e2);
	KUNIT_EXPECT_PTR_NE(test, l->sock->sk->sk_data_ready, def_data_ready);
	lenl = t_bind_lo(test, l, AF_INET, &nl);
	KUNIT_ASSERT_EQ(test, ng_ksock_listen(l, 8), 0);

	KUNIT_ASSERT_EQ(test, ng_ksock_connect(c1, (struct sockaddr *)&nl,
					       lenl), -EINPROGRESS);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&e1->conn, T_TMO),
			0UL);
	KUNIT_ASSERT_EQ(test, READ_ONCE(e1->conn_err), 0);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&el->data, T_TMO),
			0UL);
	KUNIT_ASSERT_EQ(test, ng_ksock_accept(l, &t_up, ea, &a), 0);
	t_track(test, a);
	sk = a->sock->sk;
	KUNIT_EXPECT_PTR_EQ(test, a->orig_data_ready, def_data_ready);
	KUNIT_EXPECT_PTR_EQ(test, a->orig_state_change, def_state_change);
	KUNIT_EXPECT_PTR_EQ(test, (void *)sk->sk_user_data, (void *)a);
	sock_hold(sk);
	t_close(test, a);
	KUNIT_EXPECT_PTR_EQ(test, sk->sk_data_ready, def_data_ready);
	KUNIT_EXPECT_PTR_EQ(test, sk->sk_state_change, def_state_change);
	KUNIT_EXPECT_NULL(test, (void *)sk->sk_user_data);
	sock_put(sk);
	/* the client sees the close: EOF */
	KUNIT_EXPECT_EQ(test, t_recv_wait(c1, e1, buf, sizeof(buf), NULL, NULL),
			0);

	/* a second connection, never accepted, with data queued on it */
	KUNIT_ASSERT_EQ(test, ng_ksock_connect(c2, (struct sockaddr *)&nl,
					       lenl), -EINPROGRESS);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&e2->conn, T_TMO),
			0UL);
	KUNIT_ASSERT_EQ(test, READ_ONCE(e2->conn_err), 0);
	KUNIT_ASSERT_EQ(test, ng_ksock_send(c2, "unread", 6, NULL, 0), 6);
	nstate = atomic_read(&e2->nstate);
	t_close(test, l);
	/* the pending child was reset by the listener's close */
	ret = t_recv_wait(c2, e2, buf, sizeof(buf), NULL, NULL);
	KUNIT_EXPECT_TRUE(test, ret == -ECONNRESET || ret == 0);
	KUNIT_EXPECT_GT(test, atomic_read(&e2->nstate), nstate);
	KUNIT_EXPECT_EQ(test, atomic_read(&ea->nconn), 0);
	t_close(test, c1);
	t_close(test, c2);
}

struct t_flood {
	struct ng_ksock *ks;
	const struct sockaddr *to;
	int tolen;
	atomic_t sent;		/* successful sends */
	atomic_t after;		/* send attempts after @closed */
	atomic_t closed;
	struct completion done_after;
};

static int t_flood_fn(void *arg)
{
	struct t_flood *f = arg;
	static const char payload[256];

	while (!kthread_should_stop()) {
		if (ng_ksock_send(f->ks, payload, sizeof(payload), f->to,
				  f->tolen) > 0)
			atomic_inc(&f->sent);
		if (atomic_read(&f->closed) &&
		    atomic_inc_return(&f->after) == 200)
			complete(&f->done_after);
		cond_resched();
	}
	return 0;
}

/*
 * Close a receiving socket while a thread keeps sending to it: data
 * upcalls happened before, none after close returned, and KASAN/lockdep
 * see nothing.
 */
static void t_close_under_traffic(struct kunit *test, int type)
{
	struct t_ev *er = t_ev_new(test), *es = t_ev_new(test);
	struct t_ev *el = t_ev_new(test);
	struct ng_ksock *r, *s, *l = NULL;
	struct sockaddr_storage name;
	struct task_struct *t;
	struct t_flood *f;
	int len, n, i;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	init_completion(&f->done_after);
	s = t_sock(test, AF_INET, type, 0, es);
	if (type == SOCK_DGRAM) {
		r = t_sock(test, AF_INET, type, 0, er);
		len = t_bind_lo(test, r, AF_INET, &name);
		f->to = (struct sockaddr *)&name;
		f->tolen = len;
	} else {
		l = t_sock(test, AF_INET, type, 0, el);
		len = t_bind_lo(test, l, AF_INET, &name);
		KUNIT_ASSERT_EQ(test, ng_ksock_listen(l, 4), 0);
		KUNIT_ASSERT_EQ(test, ng_ksock_connect(s, (void *)&name, len),
				-EINPROGRESS);
		KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&es->conn,
								  T_TMO), 0UL);
		KUNIT_ASSERT_EQ(test, READ_ONCE(es->conn_err), 0);
		KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&el->data,
								  T_TMO), 0UL);
		KUNIT_ASSERT_EQ(test, ng_ksock_accept(l, &t_up, er, &r), 0);
		t_track(test, r);
	}
	f->ks = s;

	t = kthread_run(t_flood_fn, f, "ngks_flood");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	/* let some data arrive and be announced */
	for (i = 0; i < 3; i++)
		if (!wait_for_completion_timeout(&er->data, T_TMO))
			break;
	KUNIT_EXPECT_EQ(test, i, 3);
	t_close(test, r);
	n = atomic_read(&er->ndata);
	atomic_set(&f->closed, 1);
	/* the sender keeps going for a while after the close */
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&f->done_after,
							  T_TMO), 0UL);
	kthread_stop(t);
	KUNIT_EXPECT_GT(test, atomic_read(&f->sent), 0);
	KUNIT_EXPECT_GE(test, n, 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&er->ndata), n);
	t_close(test, s);
	if (l)
		t_close(test, l);
}

static void t_close_under_udp(struct kunit *test)
{
	t_close_under_traffic(test, SOCK_DGRAM);
}

static void t_close_under_tcp(struct kunit *test)
{
	t_close_under_traffic(test, SOCK_STREAM);
}

static void t_create_errors(struct kunit *test)
{
	struct ng_ksock *ks = NULL;

	KUNIT_EXPECT_LT(test, ng_ksock_create(T_NET, AF_MAX + 1, SOCK_STREAM,
					      0, current_cred(), NULL, NULL,
					      &ks), 0);
	KUNIT_EXPECT_EQ(test, ng_ksock_create(T_NET, AF_INET, SOCK_DGRAM,
					      IPPROTO_TCP, current_cred(),
					      NULL, NULL, &ks),
			-EPROTONOSUPPORT);
	KUNIT_EXPECT_NULL(test, ks);
	ks = t_sock(test, AF_INET, SOCK_DGRAM, 0, NULL);
	KUNIT_EXPECT_EQ(test, ng_ksock_listen(ks, 1), -EOPNOTSUPP);
	ng_ksock_close(NULL);
}

/*
 * The count of RCU grace periods (kernel/rcu/tree.c exports it for
 * debugging and rcutorture; its declaration is in kernel/rcu/rcu.h).  It
 * grows by 4 (1 << RCU_SEQ_CTR_SHIFT) for each grace period.
 */
unsigned long rcu_get_gp_seq(void);

/*
 * Closing sockets waits for no grace period (issue 10, item 9: a
 * namespace's N ksockets cost N grace periods at its teardown).  While 32
 * UDP sockets are closed in a row, fewer than 16 grace periods may end;
 * synchronize_net() in each close made at least 32.
 */
static void t_close_waits_for_no_grace_period(struct kunit *test)
{
	struct ng_ksock *ks[32] = {};
	unsigned long seq;
	int i, err = 0;

	for (i = 0; i < ARRAY_SIZE(ks) && !err; i++)
		err = ng_ksock_create(T_NET, AF_INET, SOCK_DGRAM, 0,
				      current_cred(), NULL, NULL, &ks[i]);
	KUNIT_EXPECT_EQ(test, err, 0);
	seq = rcu_get_gp_seq();
	for (i = 0; i < ARRAY_SIZE(ks); i++)
		ng_ksock_close(ks[i]);
	KUNIT_EXPECT_LT(test, (rcu_get_gp_seq() - seq) / 4, 16UL);
}

static struct kunit_case ng_ksock_cases[] = {
	KUNIT_CASE(t_sockopt_container),
	KUNIT_CASE(t_create_errors),
	KUNIT_CASE(t_udp4),
	KUNIT_CASE(t_udp6),
	KUNIT_CASE(t_tcp4),
	KUNIT_CASE(t_tcp6),
	KUNIT_CASE(t_tcp_refused),
	KUNIT_CASE(t_unix_stream),
	KUNIT_CASE(t_unix_dgram),
	KUNIT_CASE(t_options),
	KUNIT_CASE(t_credentials),
	KUNIT_CASE(t_tcp_children),
	KUNIT_CASE(t_close_under_udp),
	KUNIT_CASE(t_close_under_tcp),
	KUNIT_CASE(t_close_waits_for_no_grace_period),
	{}
};

static struct kunit_suite ng_ksock_suite = {
	.name = "netgraph_ksock",
	.init = t_init,
	.exit = t_exit,
	.test_cases = ng_ksock_cases,
};

kunit_test_suites(&ng_ksock_suite);
