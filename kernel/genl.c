// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: the generic-netlink family "netgraph".
 *
 * A new family: every attribute is strictly validated against a policy of
 * its own operation (resv_start_op 0), requests are answered in the
 * requester's network namespace, and everything that changes the graph
 * needs CAP_NET_ADMIN in that namespace's user namespace.  The family runs
 * with parallel_ops; the graph lock of each namespace serializes the work.
 */
#include <net/genetlink.h>
#include <linux/slab.h>
#include <net/sock.h>

#include "core.h"
#include "ctl.h"

enum { NG_MCGRP_EVENTS };

static const struct genl_multicast_group ng_mcgrps[] = {
	[NG_MCGRP_EVENTS] = { .name = NETGRAPH_MCGRP_EVENTS },
};

/*
 * Every string attribute may be as long as an address; the code checks the
 * shorter limits of names, hook names and types itself, so that the error
 * says which rule was broken (and FreeBSD's errno, EINVAL, comes back).
 */
#define NG_STR { .type = NLA_NUL_STRING, .len = NG_PATHSIZ - 1 }

static const struct nla_policy ng_mkpeer_policy[NETGRAPH_A_MAX + 1] = {
	[NETGRAPH_A_PATH] = NG_STR,
	[NETGRAPH_A_TYPE] = NG_STR,
	[NETGRAPH_A_OURHOOK] = NG_STR,
	[NETGRAPH_A_PEERHOOK] = NG_STR,
};

static const struct nla_policy ng_connect_policy[NETGRAPH_A_MAX + 1] = {
	[NETGRAPH_A_PATH] = NG_STR,
	[NETGRAPH_A_PEERPATH] = NG_STR,
	[NETGRAPH_A_OURHOOK] = NG_STR,
	[NETGRAPH_A_PEERHOOK] = NG_STR,
};

static const struct nla_policy ng_name_policy[NETGRAPH_A_MAX + 1] = {
	[NETGRAPH_A_PATH] = NG_STR,
	[NETGRAPH_A_NAME] = NG_STR,
};

static const struct nla_policy ng_rmhook_policy[NETGRAPH_A_MAX + 1] = {
	[NETGRAPH_A_PATH] = NG_STR,
	[NETGRAPH_A_OURHOOK] = NG_STR,
};

static const struct nla_policy ng_path_policy[NETGRAPH_A_MAX + 1] = {
	[NETGRAPH_A_PATH] = NG_STR,
};

static const struct nla_policy ng_get_node_policy[NETGRAPH_A_MAX + 1] = {
	[NETGRAPH_A_PATH] = NG_STR,
	[NETGRAPH_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, NETGRAPH_F_NAMED),
};

static const struct nla_policy ng_msg_policy[NETGRAPH_A_MAX + 1] = {
	[NETGRAPH_A_PATH] = NG_STR,
	[NETGRAPH_A_MSG] = NLA_POLICY_MIN_LEN(sizeof(struct ng_mesg)),
	[NETGRAPH_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, NETGRAPH_F_FROM_NODE),
};

static const struct nla_policy ng_sock_new_policy[NETGRAPH_A_MAX + 1] = {
	[NETGRAPH_A_NAME] = NG_STR,
};

static const struct nla_policy ng_sock_attach_policy[NETGRAPH_A_MAX + 1] = {
	[NETGRAPH_A_PATH] = NG_STR,
	[NETGRAPH_A_CHANNEL] = NLA_POLICY_RANGE(NLA_U32, NETGRAPH_SOCK_CHAN_CTL,
						NETGRAPH_SOCK_CHAN_MAX),
};

static const struct nla_policy ng_sock_data_policy[NETGRAPH_A_MAX + 1] = {
	[NETGRAPH_A_OURHOOK] = NG_STR,
	[NETGRAPH_A_DATA] = { .type = NLA_BINARY, .len = NG_NLA_MAX_PAYLOAD },
};

static const struct nla_policy ng_inject_policy[NETGRAPH_A_MAX + 1] = {
	[NETGRAPH_A_PATH] = NG_STR,
	[NETGRAPH_A_OURHOOK] = NG_STR,
	[NETGRAPH_A_DATA] = { .type = NLA_BINARY, .len = NG_NLA_MAX_PAYLOAD },
};

static const struct nla_policy ng_none_policy[NETGRAPH_A_MAX + 1] = {};

static int ng_nl_put_node(struct sk_buff *skb, int attr,
			  const struct nodeinfo *ni)
{
	struct nlattr *nest = nla_nest_start(skb, attr);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, NETGRAPH_NODE_A_ID, ni->id) ||
	    (ni->name[0] && nla_put_string(skb, NETGRAPH_NODE_A_NAME, ni->name)) ||
	    nla_put_string(skb, NETGRAPH_NODE_A_TYPE, ni->type) ||
	    nla_put_u32(skb, NETGRAPH_NODE_A_NUMHOOKS, ni->hooks)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int ng_nl_put_hook(struct sk_buff *skb, const char *name,
			  const char *peerhook, const struct nodeinfo *peer)
{
	struct nlattr *nest = nla_nest_start(skb, NETGRAPH_A_HOOK);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, NETGRAPH_HOOK_A_NAME, name) ||
	    nla_put_string(skb, NETGRAPH_HOOK_A_PEERHOOK, peerhook) ||
	    ng_nl_put_node(skb, NETGRAPH_HOOK_A_PEER, peer)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * A reply carrying one node.  @msg is the reply's buffer, allocated before
 * the operation: an operation that changes the graph must not report a
 * failure after it succeeded because its reply could not be allocated.
 */
static struct sk_buff *ng_nl_reply_alloc(void)
{
	return genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
}

static int ng_nl_reply_node(struct sk_buff *msg, struct genl_info *info,
			    u8 cmd, const struct nodeinfo *ni)
{
	void *hdr;

	hdr = genlmsg_put_reply(msg, info, &ng_genl_family, 0, cmd);
	if (!hdr || ng_nl_put_node(msg, NETGRAPH_A_NODE, ni)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static const char *ng_nl_str(struct genl_info *info, int attr)
{
	return info->attrs[attr] ? nla_data(info->attrs[attr]) : NULL;
}

static int ng_nl_mkpeer(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	const char *path = ng_nl_str(info, NETGRAPH_A_PATH);
	struct sk_buff *msg;
	struct nodeinfo ni;
	char addr[16];
	u32 id;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_TYPE))
		return -EINVAL;
	if (path && (GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_OURHOOK) ||
		     GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_PEERHOOK)))
		return -EINVAL;
	msg = ng_nl_reply_alloc();
	if (!msg)
		return -ENOMEM;
	err = ng_ctl_mkpeer(net, path, ng_nl_str(info, NETGRAPH_A_TYPE),
			    ng_nl_str(info, NETGRAPH_A_OURHOOK),
			    ng_nl_str(info, NETGRAPH_A_PEERHOOK), &id,
			    info->extack);
	snprintf(addr, sizeof(addr), "[%x]:", id);
	if (err || ng_ctl_nodeinfo(net, addr, &ni, NULL)) {
		/* failed, or already gone again: nothing to report */
		nlmsg_free(msg);
		return err;
	}
	return ng_nl_reply_node(msg, info, NETGRAPH_CMD_MKPEER, &ni);
}

static int ng_nl_connect(struct sk_buff *skb, struct genl_info *info)
{
	if (GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_PATH) ||
	    GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_PEERPATH) ||
	    GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_OURHOOK) ||
	    GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_PEERHOOK))
		return -EINVAL;
	return ng_ctl_connect(genl_info_net(info),
			      ng_nl_str(info, NETGRAPH_A_PATH),
			      ng_nl_str(info, NETGRAPH_A_PEERPATH),
			      ng_nl_str(info, NETGRAPH_A_OURHOOK),
			      ng_nl_str(info, NETGRAPH_A_PEERHOOK),
			      info->extack);
}

static int ng_nl_name(struct sk_buff *skb, struct genl_info *info)
{
	if (GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_PATH) ||
	    GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_NAME))
		return -EINVAL;
	return ng_ctl_name(genl_info_net(info),
			   ng_nl_str(info, NETGRAPH_A_PATH),
			   ng_nl_str(info, NETGRAPH_A_NAME), info->extack);
}

static int ng_nl_rmhook(struct sk_buff *skb, struct genl_info *info)
{
	if (GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_PATH) ||
	    GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_OURHOOK))
		return -EINVAL;
	return ng_ctl_rmhook(genl_info_net(info),
			     ng_nl_str(info, NETGRAPH_A_PATH),
			     ng_nl_str(info, NETGRAPH_A_OURHOOK),
			     info->extack);
}

static int ng_nl_shutdown(struct sk_buff *skb, struct genl_info *info)
{
	if (GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_PATH))
		return -EINVAL;
	return ng_ctl_shutdown(genl_info_net(info),
			       ng_nl_str(info, NETGRAPH_A_PATH),
			       info->extack);
}

static int ng_nl_get_node(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	struct nodeinfo ni;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_PATH))
		return -EINVAL;
	err = ng_ctl_nodeinfo(genl_info_net(info),
			      ng_nl_str(info, NETGRAPH_A_PATH), &ni,
			      info->extack);
	if (err)
		return err;
	msg = ng_nl_reply_alloc();
	if (!msg)
		return -ENOMEM;
	return ng_nl_reply_node(msg, info, NETGRAPH_CMD_GET_NODE, &ni);
}

/*
 * Dumps.  Attributes are parsed here from the request (the accessor for a
 * dump's parsed attributes differs between kernel versions; the request
 * itself does not).  State between calls lives in cb->args:
 *   GET_NODE:  [0] next node ID, [1] flags
 *   GET_HOOKS: [0] hooks already sent, [1] the address (kstrdup'ed)
 *   GET_TYPE:  [0] types already sent
 */
static int ng_nl_parse_dump(struct netlink_callback *cb,
			    const struct nla_policy *policy,
			    struct nlattr **tb)
{
	return nlmsg_parse(cb->nlh, GENL_HDRLEN, tb, NETGRAPH_A_MAX, policy,
			   cb->extack);
}

static int ng_nl_node_dump_start(struct netlink_callback *cb)
{
	struct nlattr *tb[NETGRAPH_A_MAX + 1];
	int err;

	err = ng_nl_parse_dump(cb, ng_get_node_policy, tb);
	if (err)
		return err;
	if (tb[NETGRAPH_A_PATH]) {
		NL_SET_ERR_MSG_ATTR(cb->extack, tb[NETGRAPH_A_PATH],
				    "a node dump lists every node; PATH is for the non-dump request");
		return -EINVAL;
	}
	cb->args[0] = 1;
	cb->args[1] = tb[NETGRAPH_A_FLAGS] ?
		      nla_get_u32(tb[NETGRAPH_A_FLAGS]) : 0;
	return 0;
}

static int ng_nl_node_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ng_net *ngn = ng_net_get(sock_net(skb->sk));
	bool named = cb->args[1] & NETGRAPH_F_NAMED;
	unsigned long id;
	struct ng_node *node;

	ng_net_lock(ngn);
	cb->seq = ngn->gen;
	xa_for_each_start(&ngn->nodes, id, node, cb->args[0]) {
		struct nodeinfo ni;
		void *hdr;

		if (!ng_node_valid(node) || (named && !node->name[0]))
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &ng_genl_family,
				  NLM_F_MULTI, NETGRAPH_CMD_GET_NODE);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		ng_node_info(node, &ni);
		if (ng_nl_put_node(skb, NETGRAPH_A_NODE, &ni)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = id + 1;
	}
	ng_net_unlock(ngn);
	return skb->len;
}

static int ng_nl_hooks_dump_start(struct netlink_callback *cb)
{
	struct nlattr *tb[NETGRAPH_A_MAX + 1];
	char *path;
	int err;

	err = ng_nl_parse_dump(cb, ng_path_policy, tb);
	if (err)
		return err;
	if (!tb[NETGRAPH_A_PATH]) {
		NL_SET_ERR_MSG(cb->extack, "missing PATH: whose hooks to list");
		return -EINVAL;
	}
	path = nla_strdup(tb[NETGRAPH_A_PATH], GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	cb->args[0] = 0;
	cb->args[1] = (unsigned long)path;
	return 0;
}

static int ng_nl_hooks_dump_done(struct netlink_callback *cb)
{
	kfree((char *)cb->args[1]);
	return 0;
}

static int ng_nl_hooks_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ng_net *ngn = ng_net_get(sock_net(skb->sk));
	const char *path = (const char *)cb->args[1];
	struct ng_node *node;
	struct ng_hook *hook;
	unsigned long i = 0;
	int err;

	ng_net_lock(ngn);
	cb->seq = ngn->gen;
	err = ng_path_resolve(ngn, NULL, path, &node, NULL, cb->extack);
	if (err)
		goto out;
	list_for_each_entry(hook, &node->hooks, link) {
		struct ng_hook *peer = hook->pair;
		struct nodeinfo ni;
		void *hdr;

		if (!ng_hook_is_valid(hook) || i++ < cb->args[0])
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &ng_genl_family,
				  NLM_F_MULTI, NETGRAPH_CMD_GET_HOOKS);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		ng_node_info(peer->node, &ni);
		if (ng_nl_put_hook(skb, hook->name, peer->name, &ni)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0]++;
	}
	err = skb->len;
out:
	ng_net_unlock(ngn);
	return err;
}

struct ng_type_dump_ctx {
	struct sk_buff *skb;
	struct netlink_callback *cb;
};

static int ng_nl_type_one(const struct ng_type *t, void *arg)
{
	struct ng_type_dump_ctx *ctx = arg;
	struct sk_buff *skb = ctx->skb;
	struct nlattr *nest;
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(ctx->cb->skb).portid,
			  ctx->cb->nlh->nlmsg_seq, &ng_genl_family,
			  NLM_F_MULTI, NETGRAPH_CMD_GET_TYPE);
	if (!hdr)
		return 1;
	nest = nla_nest_start(skb, NETGRAPH_A_TYPEINFO);
	if (!nest ||
	    nla_put_string(skb, NETGRAPH_TYPE_A_NAME, t->name) ||
	    nla_put_u32(skb, NETGRAPH_TYPE_A_NUMNODES,
			atomic_read(&t->numnodes))) {
		genlmsg_cancel(skb, hdr);
		return 1;
	}
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
}

static int ng_nl_type_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ng_type_dump_ctx ctx = { .skb = skb, .cb = cb };

	cb->args[0] += ng_type_dump(ng_nl_type_one, &ctx, cb->args[0]);
	return skb->len;
}

static int ng_nl_msg(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *a = info->attrs[NETGRAPH_A_MSG];
	struct ng_mesg *msg, *resp;
	struct sk_buff *rskb;
	size_t len;
	void *hdr;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_PATH) ||
	    GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_MSG))
		return -EINVAL;
	err = ng_msg_check(nla_data(a), nla_len(a), info->extack);
	if (err) {
		NL_SET_BAD_ATTR(info->extack, a);
		return err;
	}
	msg = kvmalloc(nla_len(a), GFP_KERNEL_ACCOUNT);
	if (!msg)
		return -ENOMEM;
	memcpy(msg, nla_data(a), nla_len(a));
	if (info->attrs[NETGRAPH_A_FLAGS] &&
	    (nla_get_u32(info->attrs[NETGRAPH_A_FLAGS]) & NETGRAPH_F_FROM_NODE))
		return ng_sock_msg(genl_info_net(info), info->snd_portid,
				   ng_nl_str(info, NETGRAPH_A_PATH), msg,
				   info->extack);
	err = ng_ctl_msg(genl_info_net(info), ng_nl_str(info, NETGRAPH_A_PATH),
			 msg, &resp, info->extack);
	if (err || !resp)
		return err;

	len = sizeof(*resp) + resp->header.arglen;
	if (len > NG_NLA_MAX_PAYLOAD) {
		NL_SET_ERR_MSG(info->extack, "reply larger than one netlink attribute (65531 bytes); the node, hook and type dumps have no limit");
		err = -EMSGSIZE;
		goto out;
	}
	rskb = genlmsg_new(nla_total_size(len), GFP_KERNEL);
	if (!rskb) {
		err = -ENOMEM;
		goto out;
	}
	hdr = genlmsg_put_reply(rskb, info, &ng_genl_family, 0,
				NETGRAPH_CMD_MSG);
	if (!hdr || nla_put(rskb, NETGRAPH_A_MSG, len, resp)) {
		nlmsg_free(rskb);
		err = -EMSGSIZE;
		goto out;
	}
	genlmsg_end(rskb, hdr);
	err = genlmsg_reply(rskb, info);
out:
	kvfree(resp);
	return err;
}

static int ng_nl_inject(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *data = info->attrs[NETGRAPH_A_DATA];
	struct sk_buff *pkt;

	if (GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_PATH) ||
	    GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_OURHOOK) ||
	    GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_DATA))
		return -EINVAL;
	pkt = alloc_skb(nla_len(data), GFP_KERNEL_ACCOUNT);
	if (!pkt)
		return -ENOMEM;
	skb_put_data(pkt, nla_data(data), nla_len(data));
	ng_skb_meta(pkt)->flags = NG_SKB_META_CHARGED;
	return ng_ctl_inject(genl_info_net(info),
			     ng_nl_str(info, NETGRAPH_A_PATH),
			     ng_nl_str(info, NETGRAPH_A_OURHOOK), pkt,
			     info->extack);
}

/* The namespace's u64 counters, one attribute each, in GET_STATS. */
static const struct {
	int attr;
	size_t off;
} ng_stats_u64[] = {
	{ NETGRAPH_STATS_A_DEFERRED, offsetof(struct ng_net, deferred) },
	{ NETGRAPH_STATS_A_LOOP_DROPS, offsetof(struct ng_net, loop_drops) },
	{ NETGRAPH_STATS_A_QUEUE_DROPS, offsetof(struct ng_net, queue_drops) },
	{ NETGRAPH_STATS_A_MSG_LOOP_DROPS, offsetof(struct ng_net, msg_loop_drops) },
	{ NETGRAPH_STATS_A_MSG_QUEUE_DROPS, offsetof(struct ng_net, msg_queue_drops) },
	{ NETGRAPH_STATS_A_LIMIT_HITS, offsetof(struct ng_net, limit_hits) },
};

static int ng_nl_get_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct ng_net *ngn = ng_net_get(genl_info_net(info));
	struct sk_buff *msg;
	struct nlattr *nest;
	void *hdr;
	size_t i;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &ng_genl_family, 0,
				NETGRAPH_CMD_GET_STATS);
	if (!hdr)
		goto nospace;
	nest = nla_nest_start(msg, NETGRAPH_A_STATS);
	if (!nest ||
	    nla_put_u32(msg, NETGRAPH_STATS_A_NODES, READ_ONCE(ngn->numnodes)))
		goto nospace;
	for (i = 0; i < ARRAY_SIZE(ng_stats_u64); i++) {
		const atomic64_t *v = (void *)ngn + ng_stats_u64[i].off;

		if (nla_put_u64_64bit(msg, ng_stats_u64[i].attr,
				      atomic64_read(v), NETGRAPH_STATS_A_PAD))
			goto nospace;
	}
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static int ng_nl_sock_new(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	struct nodeinfo ni;
	int err;

	msg = ng_nl_reply_alloc();
	if (!msg)
		return -ENOMEM;
	err = ng_sock_new(genl_info_net(info), info->snd_portid,
			  ng_nl_str(info, NETGRAPH_A_NAME), &ni, info->extack);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return ng_nl_reply_node(msg, info, NETGRAPH_CMD_SOCK_NEW, &ni);
}

static int ng_nl_sock_attach(struct sk_buff *skb, struct genl_info *info)
{
	if (GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_PATH) ||
	    GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_CHANNEL))
		return -EINVAL;
	return ng_sock_attach(genl_info_net(info), info->snd_portid,
			      ng_nl_str(info, NETGRAPH_A_PATH),
			      nla_get_u32(info->attrs[NETGRAPH_A_CHANNEL]),
			      info->extack);
}

static int ng_nl_sock_data(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *data = info->attrs[NETGRAPH_A_DATA];
	struct sk_buff *pkt;

	if (GENL_REQ_ATTR_CHECK(info, NETGRAPH_A_DATA))
		return -EINVAL;
	pkt = alloc_skb(nla_len(data), GFP_KERNEL_ACCOUNT);
	if (!pkt)
		return -ENOMEM;
	skb_put_data(pkt, nla_data(data), nla_len(data));
	ng_skb_meta(pkt)->flags = NG_SKB_META_CHARGED;
	return ng_sock_send(genl_info_net(info), info->snd_portid,
			    ng_nl_str(info, NETGRAPH_A_OURHOOK), pkt,
			    info->extack);
}

#define NG_OP(_cmd, _doit, _policy, _flags)				\
	{ .cmd = (_cmd), .doit = (_doit), .policy = (_policy),		\
	  .maxattr = NETGRAPH_A_MAX, .flags = (_flags) }

static const struct genl_ops ng_genl_ops[] = {
	NG_OP(NETGRAPH_CMD_MKPEER, ng_nl_mkpeer, ng_mkpeer_policy,
	      GENL_UNS_ADMIN_PERM),
	NG_OP(NETGRAPH_CMD_CONNECT, ng_nl_connect, ng_connect_policy,
	      GENL_UNS_ADMIN_PERM),
	NG_OP(NETGRAPH_CMD_NAME, ng_nl_name, ng_name_policy,
	      GENL_UNS_ADMIN_PERM),
	NG_OP(NETGRAPH_CMD_RMHOOK, ng_nl_rmhook, ng_rmhook_policy,
	      GENL_UNS_ADMIN_PERM),
	NG_OP(NETGRAPH_CMD_SHUTDOWN, ng_nl_shutdown, ng_path_policy,
	      GENL_UNS_ADMIN_PERM),
	{
		.cmd = NETGRAPH_CMD_GET_NODE,
		.doit = ng_nl_get_node,
		.start = ng_nl_node_dump_start,
		.dumpit = ng_nl_node_dump,
		.policy = ng_get_node_policy,
		.maxattr = NETGRAPH_A_MAX,
	},
	{
		.cmd = NETGRAPH_CMD_GET_HOOKS,
		.start = ng_nl_hooks_dump_start,
		.dumpit = ng_nl_hooks_dump,
		.done = ng_nl_hooks_dump_done,
		.policy = ng_path_policy,
		.maxattr = NETGRAPH_A_MAX,
	},
	{
		.cmd = NETGRAPH_CMD_GET_TYPE,
		.dumpit = ng_nl_type_dump,
		.policy = ng_none_policy,
		.maxattr = NETGRAPH_A_MAX,
	},
	NG_OP(NETGRAPH_CMD_MSG, ng_nl_msg, ng_msg_policy, GENL_UNS_ADMIN_PERM),
	NG_OP(NETGRAPH_CMD_INJECT, ng_nl_inject, ng_inject_policy,
	      GENL_UNS_ADMIN_PERM),
	NG_OP(NETGRAPH_CMD_GET_STATS, ng_nl_get_stats, ng_none_policy, 0),
	NG_OP(NETGRAPH_CMD_SOCK_NEW, ng_nl_sock_new, ng_sock_new_policy,
	      GENL_UNS_ADMIN_PERM),
	NG_OP(NETGRAPH_CMD_SOCK_ATTACH, ng_nl_sock_attach,
	      ng_sock_attach_policy, GENL_UNS_ADMIN_PERM),
	NG_OP(NETGRAPH_CMD_SOCK_DATA, ng_nl_sock_data, ng_sock_data_policy,
	      GENL_UNS_ADMIN_PERM),
};

struct genl_family ng_genl_family __ro_after_init = {
	.name = NETGRAPH_GENL_NAME,
	.version = NETGRAPH_GENL_VERSION,
	.maxattr = NETGRAPH_A_MAX,
	.netnsok = true,
	.parallel_ops = true,
	.resv_start_op = 0,	/* strict validation for every operation */
	.module = THIS_MODULE,
	.ops = ng_genl_ops,
	.n_ops = ARRAY_SIZE(ng_genl_ops),
	.mcgrps = ng_mcgrps,
	.n_mcgrps = ARRAY_SIZE(ng_mcgrps),
};

static void ng_notify(struct net *net, u8 cmd,
		      int (*fill)(struct sk_buff *skb, const void *arg),
		      const void *arg)
{
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(&ng_genl_family, net, NG_MCGRP_EVENTS))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &ng_genl_family, 0, cmd);
	if (!hdr || fill(msg, arg)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&ng_genl_family, net, msg, 0, NG_MCGRP_EVENTS,
				GFP_KERNEL);
}

static int ng_fill_node(struct sk_buff *skb, const void *arg)
{
	struct nodeinfo ni;

	ng_node_info(arg, &ni);
	return ng_nl_put_node(skb, NETGRAPH_A_NODE, &ni);
}

static int ng_fill_hook(struct sk_buff *skb, const void *arg)
{
	const struct ng_hook *hook = arg;
	struct nodeinfo ni, pi;

	ng_node_info(hook->node, &ni);
	ng_node_info(hook->pair->node, &pi);
	if (ng_nl_put_node(skb, NETGRAPH_A_NODE, &ni))
		return -EMSGSIZE;
	return ng_nl_put_hook(skb, hook->name, hook->pair->name, &pi);
}

/* Announce a node event on the "events" group (graph locked). */
void ng_notify_node(struct ng_node *node, u8 cmd)
{
	if (!node->ngn->dying)
		ng_notify(node->ngn->net, cmd, ng_fill_node, node);
}

/* Announce a hook event (graph locked); @hook must still have its pair. */
void ng_notify_hook(struct ng_hook *hook, u8 cmd)
{
	if (!hook->node->ngn->dying && hook->pair)
		ng_notify(hook->node->ngn->net, cmd, ng_fill_hook, hook);
}

int ng_genl_init(void)
{
	return genl_register_family(&ng_genl_family);
}

void ng_genl_exit(void)
{
	genl_unregister_family(&ng_genl_family);
}
