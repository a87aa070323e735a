// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for the netgraph core: addresses, names, IDs, hook pairing,
 * generic messages, the loop bound and teardown against concurrent data.
 *
 * The suites build real graphs in init_net through the control entry points
 * (ctl.h) with node types registered here, and remove every node they make.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/skbuff.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

#include "core.h"
#include "ctl.h"

MODULE_INFO(import_ns, "EXPORTED_FOR_KUNIT_TESTING");

/* ---- test node types ---------------------------------------------------- */

#define KT_COOKIE	0x6b740001
#define KT_CMD_PUMP	1	/* start sending from a work item and a timer */

struct kt_priv {
	atomic_t rx;			/* packets received */
	atomic_t disconnects;
	atomic_t resets;
	atomic_t lives;			/* live calls that saw the peer */
	atomic_t early_lives;		/* live calls before it was there */
	struct ng_hook *out;		/* first hook, for the pump */
	struct work_struct pump_work;
	struct timer_list pump_timer;
	bool pumping;
	bool stop;
};

static int kt_constructor(struct ng_node *node)
{
	return 0;
}

/* Veto hook names "bad*" in newhook and "noconn*" in connect. */
static int kt_newhook(struct ng_node *node, struct ng_hook *hook,
		      const char *name)
{
	struct kt_priv *priv = ng_node_priv(node);

	if (!strncmp(name, "bad", 3))
		return -EPFNOSUPPORT;
	if (!priv->out)
		WRITE_ONCE(priv->out, hook);
	return 0;
}

static int kt_connect(struct ng_hook *hook)
{
	return strncmp(ng_hook_name(hook), "noconn", 6) ? 0 : -ECONNREFUSED;
}

/* Count live calls, and whether the peer was reachable by then. */
static void kt_live(struct ng_hook *hook)
{
	struct kt_priv *priv = ng_node_priv(ng_hook_node(hook));
	bool peer;

	rcu_read_lock();
	peer = ng_hook_peer_node_rcu(hook) != NULL;
	rcu_read_unlock();
	atomic_inc(peer ? &priv->lives : &priv->early_lives);
}

/* Forward to every other hook, like a hub; count what arrives. */
static int kt_rcvdata(struct ng_hook *hook, struct sk_buff *skb)
{
	struct ng_node *node = ng_hook_node(hook);
	struct kt_priv *priv = ng_node_priv(node);
	struct ng_hook *h;

	atomic_inc(&priv->rx);
	ng_node_for_each_hook_rcu(node, h) {
		struct sk_buff *copy;

		if (h == hook)
			continue;
		copy = skb_clone(skb, GFP_ATOMIC);
		if (copy)
			ng_send_data(h, copy);
	}
	kfree_skb(skb);
	return 0;
}

static void kt_disconnect(struct ng_hook *hook)
{
	struct kt_priv *priv = ng_node_priv(ng_hook_node(hook));

	atomic_inc(&priv->disconnects);
	if (READ_ONCE(priv->out) == hook)
		WRITE_ONCE(priv->out, NULL);
}

/* Send one packet out of the first hook, from any context. */
static void kt_pump_one(struct kt_priv *priv)
{
	struct ng_hook *out;
	struct sk_buff *skb;

	skb = alloc_skb(64, GFP_ATOMIC);
	if (!skb)
		return;
	skb_put_data(skb, "pump", 4);
	/* A type's own context calls ng_send_data inside RCU. */
	rcu_read_lock();
	out = READ_ONCE(priv->out);
	if (out)
		ng_send_data(out, skb);
	else
		kfree_skb(skb);
	rcu_read_unlock();
}

static void kt_pump_work(struct work_struct *work)
{
	struct kt_priv *priv = container_of(work, struct kt_priv, pump_work);
	int i;

	for (i = 0; i < 64 && !READ_ONCE(priv->stop); i++)
		kt_pump_one(priv);
	if (!READ_ONCE(priv->stop))
		queue_work(system_unbound_wq, &priv->pump_work);
}

static void kt_pump_timer(struct timer_list *t)
{
	struct kt_priv *priv = container_of(t, struct kt_priv, pump_timer);

	kt_pump_one(priv);		/* softirq context */
	if (!READ_ONCE(priv->stop))
		mod_timer(&priv->pump_timer, jiffies + 1);
}

static int kt_rcvmsg(struct ng_node *node, struct ng_msgitem *item)
{
	struct kt_priv *priv = ng_node_priv(node);

	if (item->msg->header.typecookie != KT_COOKIE ||
	    item->msg->header.cmd != KT_CMD_PUMP)
		return -EINVAL;
	if (!priv->pumping) {
		priv->pumping = true;
		INIT_WORK(&priv->pump_work, kt_pump_work);
		timer_setup(&priv->pump_timer, kt_pump_timer, 0);
		queue_work(system_unbound_wq, &priv->pump_work);
		mod_timer(&priv->pump_timer, jiffies + 1);
	}
	return 0;
}

static void kt_shutdown(struct ng_node *node)
{
	struct kt_priv *priv = ng_node_priv(node);

	if (priv->pumping) {
		WRITE_ONCE(priv->stop, true);
		cancel_work_sync(&priv->pump_work);
		timer_delete_sync(&priv->pump_timer);
	}
}

static struct ng_type kt_type = {
	.name = "kt_fwd",
	.owner = THIS_MODULE,
	.node_priv_size = sizeof(struct kt_priv),
	.constructor = kt_constructor,
	.rcvmsg = kt_rcvmsg,
	.shutdown = kt_shutdown,
	.newhook = kt_newhook,
	.connect = kt_connect,
	.live = kt_live,
	.rcvdata = kt_rcvdata,
	.disconnect = kt_disconnect,
};

/* A type without a constructor: mkpeer must refuse it. */
static struct ng_type kt_noctor_type = {
	.name = "kt_noctor",
	.owner = THIS_MODULE,
};

static void kt_reset(struct ng_node *node)
{
	struct kt_priv *priv = ng_node_priv(node);

	atomic_inc(&priv->resets);
}

/* kt_fwd, persistent: a user's shutdown removes its hooks, resets it. */
static struct ng_type kt_keep_type = {
	.name = "kt_keep",
	.owner = THIS_MODULE,
	.node_priv_size = sizeof(struct kt_priv),
	.constructor = kt_constructor,
	.newhook = kt_newhook,
	.connect = kt_connect,
	.rcvdata = kt_rcvdata,
	.disconnect = kt_disconnect,
	.reset = kt_reset,
};

/* kt_fwd, unpinned: its nodes hold no module reference (ether). */
static struct ng_type kt_free_type = {
	.name = "kt_free",
	.owner = THIS_MODULE,
	.node_priv_size = sizeof(struct kt_priv),
	.constructor = kt_constructor,
	.newhook = kt_newhook,
	.rcvdata = kt_rcvdata,
	.disconnect = kt_disconnect,
	.unpinned = true,
};

/* ---- helpers -------------------------------------------------------------- */

static u32 kt_new(struct kunit *test)
{
	u32 id = 0;

	KUNIT_ASSERT_EQ(test, 0, ng_ctl_mkpeer(&init_net, NULL, "kt_fwd", NULL,
					       NULL, &id, NULL));
	KUNIT_ASSERT_NE(test, id, 0u);
	return id;
}

static const char *kt_addr(char *buf, u32 id)
{
	sprintf(buf, "[%x]:", id);
	return buf;
}

static void kt_kill(struct kunit *test, u32 id)
{
	char a[16];

	ng_ctl_shutdown(&init_net, kt_addr(a, id), NULL);
}

static bool kt_exists(u32 id)
{
	struct nodeinfo ni;
	char a[16];

	return !ng_ctl_nodeinfo(&init_net, kt_addr(a, id), &ni, NULL);
}

static struct kt_priv *kt_priv_of(u32 id)
{
	struct ng_net *ngn = ng_net_get(&init_net);
	struct ng_node *node;

	ng_net_lock(ngn);
	node = ng_node_by_id(ngn, id);
	ng_net_unlock(ngn);
	return node ? ng_node_priv(node) : NULL;
}

static int kt_inject(u32 id, const char *hook, int len)
{
	struct sk_buff *skb = alloc_skb(len, GFP_KERNEL);
	char a[16];

	if (!skb)
		return -ENOMEM;
	skb_put_zero(skb, len);
	return ng_ctl_inject(&init_net, kt_addr(a, id), hook, skb, NULL);
}

static struct ng_mesg *kt_generic(u32 cmd, const char *name, const void *arg,
				  size_t len)
{
	struct ng_mesg *m = ng_mkmessage(NGM_GENERIC_COOKIE, cmd, name, len,
					 GFP_KERNEL);

	if (m && len)
		memcpy(m->data, arg, len);
	return m;
}

static void kt_drain(void)
{
	struct ng_net *ngn = ng_net_get(&init_net);
	int i;

	for (i = 0; i < 10000 && !skb_queue_empty(&ngn->defer_q); i++)
		flush_work(&ngn->defer_work);
	flush_work(&ngn->defer_work);
}

static int kt_init(struct kunit *test)
{
	return 0;
}

/* ---- addresses ---------------------------------------------------------- */

static void ng_test_path_parse(struct kunit *test)
{
	struct ng_path p;

	KUNIT_EXPECT_EQ(test, 0, ng_path_parse("foo:", &p, NULL));
	KUNIT_EXPECT_STREQ(test, p.node, "foo");
	KUNIT_EXPECT_STREQ(test, p.hooks, "");

	KUNIT_EXPECT_EQ(test, 0, ng_path_parse("foo:h1.h2", &p, NULL));
	KUNIT_EXPECT_STREQ(test, p.node, "foo");
	KUNIT_EXPECT_STREQ(test, p.hooks, "h1.h2");

	KUNIT_EXPECT_EQ(test, 0, ng_path_parse("[3f]:", &p, NULL));
	KUNIT_EXPECT_STREQ(test, p.node, "[3f]");

	KUNIT_EXPECT_EQ(test, 0, ng_path_parse(".:", &p, NULL));
	KUNIT_EXPECT_STREQ(test, p.node, ".");

	KUNIT_EXPECT_EQ(test, 0, ng_path_parse(".", &p, NULL));
	KUNIT_EXPECT_NULL(test, p.node);
	KUNIT_EXPECT_STREQ(test, p.hooks, "");

	KUNIT_EXPECT_EQ(test, 0, ng_path_parse("h1.h2.", &p, NULL));
	KUNIT_EXPECT_NULL(test, p.node);
	KUNIT_EXPECT_STREQ(test, p.hooks, "h1.h2");

	KUNIT_EXPECT_EQ(test, 0, ng_path_parse("foo:.h1", &p, NULL));
	KUNIT_EXPECT_STREQ(test, p.hooks, "h1");

	KUNIT_EXPECT_EQ(test, -EINVAL, ng_path_parse("", &p, NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_path_parse("a:b:", &p, NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_path_parse("a.b:", &p, NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_path_parse("foo:h1..h2", &p, NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_path_parse(":h1", &p, NULL));
}

static void ng_test_decode_id(struct kunit *test)
{
	u32 id;

	KUNIT_EXPECT_TRUE(test, ng_decode_id("[1f]", &id));
	KUNIT_EXPECT_EQ(test, id, 0x1fu);
	KUNIT_EXPECT_TRUE(test, ng_decode_id("[0x1f]", &id));
	KUNIT_EXPECT_EQ(test, id, 0x1fu);
	KUNIT_EXPECT_FALSE(test, ng_decode_id("[0]", &id));
	KUNIT_EXPECT_FALSE(test, ng_decode_id("[xyz]", &id));
	KUNIT_EXPECT_FALSE(test, ng_decode_id("[]", &id));
	KUNIT_EXPECT_FALSE(test, ng_decode_id("1f", &id));
	KUNIT_EXPECT_FALSE(test, ng_decode_id("[1f", &id));
}

static void ng_test_resolve_errors(struct kunit *test)
{
	u32 a = kt_new(test);
	char addr[64];
	struct nodeinfo ni;

	/* netlink has no sender node: relative addresses are refused */
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_ctl_nodeinfo(&init_net, ".", &ni, NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_ctl_nodeinfo(&init_net, ".:", &ni, NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_ctl_nodeinfo(&init_net, "h1", &ni, NULL));
	KUNIT_EXPECT_EQ(test, -ENOENT,
			ng_ctl_nodeinfo(&init_net, "kt-no-such-node:", &ni, NULL));
	KUNIT_EXPECT_EQ(test, -ENOENT,
			ng_ctl_nodeinfo(&init_net, "[fffffff0]:", &ni, NULL));
	sprintf(addr, "[%x]:nohook", a);
	KUNIT_EXPECT_EQ(test, -ENOENT, ng_ctl_nodeinfo(&init_net, addr, &ni, NULL));
	kt_kill(test, a);
}

static void ng_test_resolve_walk(struct kunit *test)
{
	u32 a = kt_new(test), b = 0, c = 0;
	char addr[64], x[16];
	struct nodeinfo ni;

	KUNIT_ASSERT_EQ(test, 0, ng_ctl_mkpeer(&init_net, kt_addr(x, a), "kt_fwd",
					       "ab", "ba", &b, NULL));
	sprintf(addr, "[%x]:ab", a);
	KUNIT_ASSERT_EQ(test, 0, ng_ctl_mkpeer(&init_net, addr, "kt_fwd", "bc",
					       "cb", &c, NULL));
	KUNIT_ASSERT_EQ(test, 0, ng_ctl_name(&init_net, kt_addr(x, a), "kt-walk",
					     NULL));
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_nodeinfo(&init_net, "kt-walk:ab.bc",
						 &ni, NULL));
	KUNIT_EXPECT_EQ(test, ni.id, c);
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_nodeinfo(&init_net, "kt-walk:ab.bc.cb.ba",
						 &ni, NULL));
	KUNIT_EXPECT_EQ(test, ni.id, a);
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_nodeinfo(&init_net, "kt-walk:.", &ni, NULL));
	KUNIT_EXPECT_EQ(test, ni.id, a);
	KUNIT_EXPECT_STREQ(test, ni.name, "kt-walk");
	KUNIT_EXPECT_STREQ(test, ni.type, "kt_fwd");
	KUNIT_EXPECT_EQ(test, ni.hooks, 1u);
	kt_kill(test, a);
	kt_kill(test, b);
	kt_kill(test, c);
}

/* ---- names and IDs --------------------------------------------------------- */

static void ng_test_name_rules(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 0, ng_name_check("foo", NULL));
	KUNIT_EXPECT_EQ(test, 0, ng_name_check("[xyz]", NULL));
	KUNIT_EXPECT_EQ(test, 0, ng_name_check("0123456789012345678901234567890", NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_name_check("", NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_name_check("a.b", NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_name_check("a:b", NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_name_check("[12]", NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			ng_name_check("01234567890123456789012345678901", NULL));
	KUNIT_EXPECT_EQ(test, 0, ng_hookname_check("h", NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_hookname_check("", NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_hookname_check("a.b", NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_hookname_check("a:b", NULL));
}

static void ng_test_names(struct kunit *test)
{
	u32 a = kt_new(test), b = kt_new(test);
	struct nodeinfo ni;
	char x[16];

	KUNIT_EXPECT_EQ(test, 0, ng_ctl_name(&init_net, kt_addr(x, a), "kt-n1", NULL));
	/* same name again: no-op */
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_name(&init_net, "kt-n1:", "kt-n1", NULL));
	KUNIT_EXPECT_EQ(test, -EADDRINUSE,
			ng_ctl_name(&init_net, kt_addr(x, b), "kt-n1", NULL));
	/* rename frees the old name */
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_name(&init_net, "kt-n1:", "kt-n2", NULL));
	KUNIT_EXPECT_EQ(test, -ENOENT, ng_ctl_nodeinfo(&init_net, "kt-n1:", &ni, NULL));
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_name(&init_net, kt_addr(x, b), "kt-n1", NULL));
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_nodeinfo(&init_net, "kt-n2:", &ni, NULL));
	KUNIT_EXPECT_EQ(test, ni.id, a);
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_nodeinfo(&init_net, "kt-n1:", &ni, NULL));
	KUNIT_EXPECT_EQ(test, ni.id, b);
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_ctl_name(&init_net, "kt-n1:", "[1]", NULL));
	/* a shut down node's name is free again */
	kt_kill(test, b);
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_name(&init_net, "kt-n2:", "kt-n1", NULL));
	kt_kill(test, a);
	KUNIT_EXPECT_EQ(test, -ENOENT, ng_ctl_nodeinfo(&init_net, "kt-n1:", &ni, NULL));
}

static void ng_test_ids(struct kunit *test)
{
	u32 ids[16];
	int i, j;

	for (i = 0; i < ARRAY_SIZE(ids); i++)
		ids[i] = kt_new(test);
	for (i = 0; i < ARRAY_SIZE(ids); i++)
		for (j = i + 1; j < ARRAY_SIZE(ids); j++)
			KUNIT_EXPECT_NE(test, ids[i], ids[j]);
	kt_kill(test, ids[3]);
	/* a freed ID is not handed out again at once (cyclic allocation) */
	i = kt_new(test);
	KUNIT_EXPECT_NE(test, (u32)i, ids[3]);
	kt_kill(test, i);
	for (i = 0; i < ARRAY_SIZE(ids); i++)
		kt_kill(test, ids[i]);
}

static void ng_test_mkpeer_errors(struct kunit *test)
{
	u32 a = kt_new(test), id;
	char x[16];

	kt_addr(x, a);
	KUNIT_EXPECT_EQ(test, -ENXIO, ng_ctl_mkpeer(&init_net, x, "kt_no_such_type",
						    "h", "h", &id, NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_ctl_mkpeer(&init_net, x, "kt_noctor",
						     "h", "h", &id, NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_ctl_mkpeer(&init_net, x, "kt_fwd",
						     "a.b", "h", &id, NULL));
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_mkpeer(&init_net, x, "kt_fwd", "h", "h",
					       &id, NULL));
	KUNIT_EXPECT_EQ(test, -EEXIST, ng_ctl_mkpeer(&init_net, x, "kt_fwd", "h",
						     "h", NULL, NULL));
	kt_kill(test, id);
	kt_kill(test, a);
}

/* ---- hooks ------------------------------------------------------------------ */

static void ng_test_hook_pairing(struct kunit *test)
{
	u32 a = kt_new(test), b = kt_new(test);
	struct nodeinfo ni;
	char x[16], y[16];

	kt_addr(x, a);
	kt_addr(y, b);
	KUNIT_ASSERT_EQ(test, 0, ng_ctl_connect(&init_net, x, y, "l", "r", NULL));
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_nodeinfo(&init_net, x, &ni, NULL));
	KUNIT_EXPECT_EQ(test, ni.hooks, 1u);
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_nodeinfo(&init_net, y, &ni, NULL));
	KUNIT_EXPECT_EQ(test, ni.hooks, 1u);
	/* duplicate hook names on either side */
	KUNIT_EXPECT_EQ(test, -EEXIST, ng_ctl_connect(&init_net, x, y, "l", "r2", NULL));
	KUNIT_EXPECT_EQ(test, -EEXIST, ng_ctl_connect(&init_net, x, y, "l2", "r", NULL));
	/* a failed connect leaves nothing behind */
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_nodeinfo(&init_net, x, &ni, NULL));
	KUNIT_EXPECT_EQ(test, ni.hooks, 1u);
	/* removing one end removes both */
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_rmhook(&init_net, y, "r", NULL));
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_nodeinfo(&init_net, x, &ni, NULL));
	KUNIT_EXPECT_EQ(test, ni.hooks, 0u);
	/*
	 * disconnect runs for every hook whose newhook succeeded: a got "l2"
	 * before b refused the duplicate "r", and both ends of l/r went.
	 */
	KUNIT_EXPECT_EQ(test, atomic_read(&kt_priv_of(a)->disconnects), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&kt_priv_of(b)->disconnects), 1);
	/* rmhook of a missing hook succeeds (FreeBSD) */
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_rmhook(&init_net, y, "r", NULL));
	/* a node may connect to itself */
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_connect(&init_net, x, x, "s1", "s2", NULL));
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_nodeinfo(&init_net, x, &ni, NULL));
	KUNIT_EXPECT_EQ(test, ni.hooks, 2u);
	kt_kill(test, a);
	kt_kill(test, b);
}

static void ng_test_hook_veto(struct kunit *test)
{
	u32 a = kt_new(test), b = kt_new(test);
	struct nodeinfo ni;
	char x[16], y[16];

	kt_addr(x, a);
	kt_addr(y, b);
	KUNIT_EXPECT_EQ(test, -EPFNOSUPPORT,
			ng_ctl_connect(&init_net, x, y, "ok", "bad1", NULL));
	KUNIT_EXPECT_EQ(test, -EPFNOSUPPORT,
			ng_ctl_connect(&init_net, x, y, "bad2", "ok", NULL));
	KUNIT_EXPECT_EQ(test, -ECONNREFUSED,
			ng_ctl_connect(&init_net, x, y, "ok", "noconn", NULL));
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_nodeinfo(&init_net, x, &ni, NULL));
	KUNIT_EXPECT_EQ(test, ni.hooks, 0u);
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_nodeinfo(&init_net, y, &ni, NULL));
	KUNIT_EXPECT_EQ(test, ni.hooks, 0u);
	/* a refused connection never went live */
	KUNIT_EXPECT_EQ(test, atomic_read(&kt_priv_of(a)->lives) +
			      atomic_read(&kt_priv_of(b)->lives), 0);
	/* the hook name is free again */
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_connect(&init_net, x, y, "ok", "ok", NULL));
	/* each end heard once that it is live, with its peer reachable */
	KUNIT_EXPECT_EQ(test, atomic_read(&kt_priv_of(a)->lives), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&kt_priv_of(b)->lives), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&kt_priv_of(a)->early_lives) +
			      atomic_read(&kt_priv_of(b)->early_lives), 0);
	kt_kill(test, a);
	kt_kill(test, b);
}

/* ---- generic messages ------------------------------------------------------ */

static void ng_test_generic_msgs(struct kunit *test)
{
	u32 a = kt_new(test);
	struct ngm_mkpeer mk = { .type = "kt_fwd", .ourhook = "m", .peerhook = "n" };
	struct ngm_name nm = { .name = "kt-gen" };
	struct ngm_rmhook rh = { .ourhook = "nosuch" };
	struct ng_mesg *resp, *req;
	struct hooklist *hl;
	struct nodeinfo *ni;
	struct namelist *nl;
	char x[16];
	u32 i;
	bool found = false;

	kt_addr(x, a);
	KUNIT_ASSERT_EQ(test, 0, ng_ctl_msg(&init_net, x,
		kt_generic(NGM_MKPEER, "mkpeer", &mk, sizeof(mk)), &resp, NULL));
	KUNIT_EXPECT_NULL(test, resp);
	KUNIT_ASSERT_EQ(test, 0, ng_ctl_msg(&init_net, x,
		kt_generic(NGM_NAME, "name", &nm, sizeof(nm)), &resp, NULL));
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_msg(&init_net, "kt-gen:",
		kt_generic(NGM_RMHOOK, "rmhook", &rh, sizeof(rh)), &resp, NULL));

	req = kt_generic(NGM_NODEINFO, "nodeinfo", NULL, 0);
	KUNIT_ASSERT_NOT_NULL(test, req);
	req->header.token = 0x5eed;
	KUNIT_ASSERT_EQ(test, 0, ng_ctl_msg(&init_net, "kt-gen:", req, &resp,
					    NULL));
	KUNIT_ASSERT_NOT_NULL(test, resp);
	/* the reply matches the request: token, cookie, cmd, cmdstr */
	KUNIT_EXPECT_EQ(test, resp->header.flags, (u32)NGF_RESP);
	KUNIT_EXPECT_EQ(test, resp->header.token, 0x5eedu);
	KUNIT_EXPECT_EQ(test, resp->header.typecookie, (u32)NGM_GENERIC_COOKIE);
	KUNIT_EXPECT_EQ(test, resp->header.cmd, (u32)NGM_NODEINFO);
	KUNIT_EXPECT_STREQ(test, resp->header.cmdstr, "nodeinfo");
	KUNIT_EXPECT_EQ(test, resp->header.arglen, (u32)sizeof(*ni));
	ni = (struct nodeinfo *)resp->data;
	KUNIT_EXPECT_STREQ(test, ni->name, "kt-gen");
	KUNIT_EXPECT_EQ(test, ni->id, a);
	KUNIT_EXPECT_EQ(test, ni->hooks, 1u);
	kvfree(resp);

	KUNIT_ASSERT_EQ(test, 0, ng_ctl_msg(&init_net, "kt-gen:",
		kt_generic(NGM_LISTHOOKS, "listhooks", NULL, 0), &resp, NULL));
	hl = (struct hooklist *)resp->data;
	KUNIT_EXPECT_EQ(test, hl->nodeinfo.hooks, 1u);
	KUNIT_EXPECT_STREQ(test, hl->link[0].ourhook, "m");
	KUNIT_EXPECT_STREQ(test, hl->link[0].peerhook, "n");
	KUNIT_EXPECT_STREQ(test, hl->link[0].nodeinfo.type, "kt_fwd");
	kvfree(resp);

	KUNIT_ASSERT_EQ(test, 0, ng_ctl_msg(&init_net, "kt-gen:",
		kt_generic(NGM_LISTNAMES, "listnames", NULL, 0), &resp, NULL));
	nl = (struct namelist *)resp->data;
	for (i = 0; i < nl->numnames; i++) {
		KUNIT_EXPECT_NE(test, nl->nodeinfo[i].name[0], 0);
		if (nl->nodeinfo[i].id == a)
			found = true;
	}
	KUNIT_EXPECT_TRUE(test, found);
	kvfree(resp);

	KUNIT_ASSERT_EQ(test, 0, ng_ctl_msg(&init_net, "kt-gen:",
		kt_generic(NGM_LISTNODES, "listnodes", NULL, 0), &resp, NULL));
	nl = (struct namelist *)resp->data;
	KUNIT_EXPECT_GE(test, nl->numnames, 2u);
	KUNIT_EXPECT_EQ(test, resp->header.arglen,
			(u32)struct_size(nl, nodeinfo, nl->numnames));
	kvfree(resp);

	KUNIT_ASSERT_EQ(test, 0, ng_ctl_msg(&init_net, "kt-gen:",
		kt_generic(NGM_LISTTYPES, "listtypes", NULL, 0), &resp, NULL));
	found = false;
	{
		struct typelist *tl = (struct typelist *)resp->data;

		for (i = 0; i < tl->numtypes; i++)
			if (!strcmp(tl->typeinfo[i].type_name, "kt_fwd")) {
				found = true;
				/* kt-gen and its peer on hook m */
				KUNIT_EXPECT_GE(test, tl->typeinfo[i].numnodes, 2u);
			}
		KUNIT_EXPECT_EQ(test, resp->header.arglen,
				(u32)struct_size(tl, typeinfo, tl->numtypes));
	}
	KUNIT_EXPECT_TRUE(test, found);
	kvfree(resp);

	/* wrong argument length, unknown command, no status text */
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_ctl_msg(&init_net, "kt-gen:",
		kt_generic(NGM_NAME, "name", &nm, 4), &resp, NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_ctl_msg(&init_net, "kt-gen:",
		kt_generic(99, "cmd99", NULL, 0), &resp, NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_ctl_msg(&init_net, "kt-gen:m",
		kt_generic(NGM_TEXT_STATUS, "textstatus", NULL, 0), &resp, NULL));

	/* shutdown by message; the peer stays (kt_fwd does not die alone) */
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_msg(&init_net, "kt-gen:m",
		kt_generic(NGM_SHUTDOWN, "shutdown", NULL, 0), &resp, NULL));
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_msg(&init_net, "kt-gen:",
		kt_generic(NGM_SHUTDOWN, "shutdown", NULL, 0), &resp, NULL));
	KUNIT_EXPECT_FALSE(test, kt_exists(a));
}

/*
 * A persistent node survives netlink's shutdown and NGM_SHUTDOWN, losing
 * its hooks (the peer that dies with its hook goes) and reset each time;
 * ng_rmnode_self() removes it.
 */
static void ng_test_persistent(struct kunit *test)
{
	struct ng_net *ngn = ng_net_get(&init_net);
	u32 a = kt_new(test), k = 0;
	struct ng_mesg *resp = NULL;
	struct ng_node *node;
	struct nodeinfo ni;
	char x[16], y[16];

	kt_addr(x, a);
	KUNIT_ASSERT_EQ(test, 0, ng_ctl_mkpeer(&init_net, x, "kt_keep", "l",
					       "r", &k, NULL));
	kt_addr(y, k);
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_connect(&init_net, y, y, "s1", "s2",
						NULL));
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_nodeinfo(&init_net, y, &ni, NULL));
	KUNIT_EXPECT_EQ(test, ni.hooks, 3u);
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_shutdown(&init_net, y, NULL));
	KUNIT_ASSERT_TRUE(test, kt_exists(k));
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_nodeinfo(&init_net, y, &ni, NULL));
	KUNIT_EXPECT_EQ(test, ni.hooks, 0u);
	KUNIT_EXPECT_EQ(test, atomic_read(&kt_priv_of(k)->disconnects), 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&kt_priv_of(k)->resets), 1);
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_nodeinfo(&init_net, x, &ni, NULL));
	KUNIT_EXPECT_EQ(test, ni.hooks, 0u);

	KUNIT_EXPECT_EQ(test, 0, ng_ctl_connect(&init_net, x, y, "l", "r",
						NULL));
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_msg(&init_net, y,
		kt_generic(NGM_SHUTDOWN, "shutdown", NULL, 0), &resp, NULL));
	kvfree(resp);
	KUNIT_ASSERT_TRUE(test, kt_exists(k));
	KUNIT_EXPECT_EQ(test, atomic_read(&kt_priv_of(k)->resets), 2);
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_nodeinfo(&init_net, y, &ni, NULL));
	KUNIT_EXPECT_EQ(test, ni.hooks, 0u);

	ng_net_lock(ngn);
	node = ng_node_by_id(ngn, k);
	if (node)
		ng_rmnode_self(node);
	ng_net_unlock(ngn);
	KUNIT_EXPECT_FALSE(test, kt_exists(k));
	kt_kill(test, a);
}

/*
 * An unpinned type's nodes leave the module's use count alone (mkpeer's
 * lookup reference goes back once the node is counted), and
 * ng_type_drain() returns once the last one is freed.
 */
static void ng_test_unpinned(struct kunit *test)
{
	int refs = module_refcount(THIS_MODULE);
	u32 k = 0, a = kt_new(test);
	char x[16], y[16];

	KUNIT_EXPECT_EQ(test, module_refcount(THIS_MODULE), refs + 1);
	KUNIT_ASSERT_EQ(test, 0, ng_ctl_mkpeer(&init_net, kt_addr(x, a),
					       "kt_free", "l", "r", &k, NULL));
	KUNIT_EXPECT_EQ(test, module_refcount(THIS_MODULE), refs + 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&kt_free_type.numnodes), 1);
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_shutdown(&init_net, kt_addr(y, k),
						 NULL));
	ng_type_drain(&kt_free_type);
	KUNIT_EXPECT_EQ(test, atomic_read(&kt_free_type.numnodes), 0);
	KUNIT_EXPECT_EQ(test, module_refcount(THIS_MODULE), refs + 1);
	kt_kill(test, a);
}

/* ---- data: loops and teardown ---------------------------------------------- */

static void ng_test_depth_bound(struct kunit *test)
{
	struct ng_net *ngn = ng_net_get(&init_net);
	u32 ids[NG_MAX_DEPTH * 2 + 2];
	u64 deferred = atomic64_read(&ngn->deferred);
	char x[16], y[16];
	int i;

	/* a chain longer than the synchronous bound still delivers */
	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		ids[i] = kt_new(test);
		if (i)
			KUNIT_ASSERT_EQ(test, 0, ng_ctl_connect(&init_net,
				kt_addr(x, ids[i - 1]), kt_addr(y, ids[i]),
				"next", "prev", NULL));
	}
	KUNIT_ASSERT_EQ(test, 0, kt_inject(ids[1], "prev", 10));
	kt_drain();
	for (i = 1; i < ARRAY_SIZE(ids); i++)
		KUNIT_EXPECT_EQ(test, atomic_read(&kt_priv_of(ids[i])->rx), 1);
	KUNIT_EXPECT_GT(test, atomic64_read(&ngn->deferred), deferred);
	for (i = 0; i < ARRAY_SIZE(ids); i++)
		kt_kill(test, ids[i]);
}

static void ng_test_loop_bound(struct kunit *test)
{
	struct ng_net *ngn = ng_net_get(&init_net);
	u64 drops = atomic64_read(&ngn->loop_drops);
	u32 a = kt_new(test), b = kt_new(test), c;
	char x[16], y[16];

	/* two forwarders connected twice: FreeBSD's "DANGEROUS" loop */
	kt_addr(x, a);
	kt_addr(y, b);
	KUNIT_ASSERT_EQ(test, 0, ng_ctl_connect(&init_net, x, y, "l1", "l1", NULL));
	KUNIT_ASSERT_EQ(test, 0, ng_ctl_connect(&init_net, x, y, "l2", "l2", NULL));
	KUNIT_ASSERT_EQ(test, 0, ng_ctl_mkpeer(&init_net, x, "kt_fwd", "in", "out",
					       &c, NULL));
	KUNIT_ASSERT_EQ(test, 0, kt_inject(a, "in", 32));
	kt_drain();
	KUNIT_EXPECT_GT(test, atomic64_read(&ngn->loop_drops), drops);
	/* each circulating copy lives at most NG_MAX_HOPS hops */
	KUNIT_EXPECT_LE(test, atomic_read(&kt_priv_of(b)->rx), 2 * NG_MAX_HOPS);
	KUNIT_EXPECT_GT(test, atomic_read(&kt_priv_of(b)->rx), NG_MAX_HOPS / 2);
	kt_kill(test, a);
	kt_kill(test, b);
	kt_kill(test, c);
	KUNIT_EXPECT_FALSE(test, kt_exists(a));
	KUNIT_EXPECT_FALSE(test, kt_exists(b));
}

static void ng_test_teardown_under_data(struct kunit *test)
{
	struct ng_mesg *resp;
	u32 src, fwd, sink, rx;
	char x[16], y[16];
	int round;

	for (round = 0; round < 3; round++) {
		src = kt_new(test);
		kt_addr(x, src);
		KUNIT_ASSERT_EQ(test, 0, ng_ctl_mkpeer(&init_net, x, "kt_fwd",
						       "out", "in", &fwd, NULL));
		kt_addr(y, fwd);
		KUNIT_ASSERT_EQ(test, 0, ng_ctl_mkpeer(&init_net, y, "kt_fwd",
						       "out", "in", &sink, NULL));
		KUNIT_ASSERT_EQ(test, 0, ng_ctl_msg(&init_net, x,
			ng_mkmessage(KT_COOKIE, KT_CMD_PUMP, "pump", 0, GFP_KERNEL),
			&resp, NULL));
		msleep(30);
		rx = atomic_read(&kt_priv_of(sink)->rx);
		KUNIT_EXPECT_GT(test, rx, 0u);
		/* cut the path in the middle while packets flow through it */
		switch (round) {
		case 0:
			kt_kill(test, fwd);
			break;
		case 1:
			ng_ctl_rmhook(&init_net, y, "in", NULL);
			break;
		case 2:
			kt_kill(test, src);	/* stops its own senders */
			break;
		}
		msleep(10);
		kt_kill(test, src);
		kt_kill(test, fwd);
		kt_kill(test, sink);
		KUNIT_EXPECT_FALSE(test, kt_exists(src));
		KUNIT_EXPECT_FALSE(test, kt_exists(sink));
	}
	kt_drain();
}

static struct kunit_case ng_core_cases[] = {
	KUNIT_CASE(ng_test_path_parse),
	KUNIT_CASE(ng_test_decode_id),
	KUNIT_CASE(ng_test_resolve_errors),
	KUNIT_CASE(ng_test_resolve_walk),
	KUNIT_CASE(ng_test_name_rules),
	KUNIT_CASE(ng_test_names),
	KUNIT_CASE(ng_test_ids),
	KUNIT_CASE(ng_test_mkpeer_errors),
	KUNIT_CASE(ng_test_hook_pairing),
	KUNIT_CASE(ng_test_hook_veto),
	KUNIT_CASE(ng_test_generic_msgs),
	KUNIT_CASE(ng_test_persistent),
	KUNIT_CASE(ng_test_unpinned),
	KUNIT_CASE(ng_test_depth_bound),
	KUNIT_CASE(ng_test_loop_bound),
	KUNIT_CASE(ng_test_teardown_under_data),
	{}
};

static int ng_core_suite_init(struct kunit_suite *suite)
{
	int err = ng_type_register(&kt_type);

	if (!err) {
		err = ng_type_register(&kt_noctor_type);
		if (err)
			ng_type_unregister(&kt_type);
	}
	if (!err) {
		err = ng_type_register(&kt_keep_type);
		if (err) {
			ng_type_unregister(&kt_noctor_type);
			ng_type_unregister(&kt_type);
		}
	}
	if (!err) {
		err = ng_type_register(&kt_free_type);
		if (err) {
			ng_type_unregister(&kt_keep_type);
			ng_type_unregister(&kt_noctor_type);
			ng_type_unregister(&kt_type);
		}
	}
	return err;
}

static void ng_core_suite_exit(struct kunit_suite *suite)
{
	ng_type_unregister(&kt_free_type);
	ng_type_unregister(&kt_keep_type);
	ng_type_unregister(&kt_noctor_type);
	ng_type_unregister(&kt_type);
}

static struct kunit_suite ng_core_suite = {
	.name = "netgraph_core",
	.init = kt_init,
	.suite_init = ng_core_suite_init,
	.suite_exit = ng_core_suite_exit,
	.test_cases = ng_core_cases,
};

kunit_test_suites(&ng_core_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for netgraph");
