// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: one graph per network namespace.
 *
 * Deleting a namespace destroys its nodes in .pre_exit, through the same
 * teardown path as a shutdown message (ng_node_kill() + ng_reap()).
 */
#include <kunit/visibility.h>
#include <linux/moduleparam.h>
#include <net/netns/generic.h>

#include "core.h"

static unsigned int ng_net_id __read_mostly;

/*
 * Limits per namespace.  Any user can be admin of a namespace of their own,
 * so these bound what one user can make the kernel hold; going past one is
 * an errno for the request and a counter in NETGRAPH_CMD_GET_STATS.
 */
unsigned int ng_max_nodes __read_mostly = 1 << 20;
module_param_named(max_nodes, ng_max_nodes, uint, 0644);
MODULE_PARM_DESC(max_nodes, "nodes per network namespace (default 1048576)");

unsigned int ng_max_queued_msgs __read_mostly = 65536;
module_param_named(max_queued_msgs, ng_max_queued_msgs, uint, 0644);
MODULE_PARM_DESC(max_queued_msgs,
		 "node-to-node messages queued per network namespace (default 65536)");

unsigned int ng_max_queued_msg_bytes __read_mostly = 64 << 20;
module_param_named(max_queued_msg_bytes, ng_max_queued_msg_bytes, uint, 0644);
MODULE_PARM_DESC(max_queued_msg_bytes,
		 "bytes of node-to-node messages queued per network namespace (default 64 MiB)");

unsigned int ng_max_copies __read_mostly = 1024;
module_param_named(max_copies, ng_max_copies, uint, 0644);
MODULE_PARM_DESC(max_copies,
		 "copies one packet may cause inside the graph, at most 65535 (default 1024)");

struct ng_net *ng_net_get(struct net *net)
{
	return net_generic(net, ng_net_id);
}
EXPORT_SYMBOL_IF_KUNIT(ng_net_get);

/*
 * Take the graph lock.  The holder's credentials are the requester's when a
 * process holds it (a netlink request runs in the sender's task); a
 * workqueue worker (queued messages, asynchronous kills, namespace exit)
 * acts for nobody.
 */
void ng_net_lock(struct ng_net *ngn)
{
	mutex_lock(&ngn->lock);
	WRITE_ONCE(ngn->owner, current);
	ngn->req_cred = (current->flags & PF_WQ_WORKER) ? NULL : current_cred();
}

const struct cred *ng_ctl_cred(const struct ng_node *node)
{
	lockdep_assert_held(&node->ngn->lock);
	return node->ngn->req_cred;
}
EXPORT_SYMBOL_GPL(ng_ctl_cred);

struct netlink_ext_ack *ng_ctl_extack(const struct ng_node *node)
{
	lockdep_assert_held(&node->ngn->lock);
	return node->ngn->extack;
}
EXPORT_SYMBOL_GPL(ng_ctl_extack);
EXPORT_SYMBOL_IF_KUNIT(ng_net_lock);

/*
 * True in the task that holds the graph lock, never in an interrupt that
 * happens to run on top of it.
 */
bool ng_net_locked(struct ng_net *ngn)
{
	return in_task() && READ_ONCE(ngn->owner) == current;
}

/* Finish every teardown the operation started, then let the next one in. */
void ng_net_unlock(struct ng_net *ngn)
{
	ng_reap(ngn);
	ng_msg_budget_end(ngn);
	ngn->req_cred = NULL;
	WRITE_ONCE(ngn->owner, NULL);
	mutex_unlock(&ngn->lock);
}
EXPORT_SYMBOL_IF_KUNIT(ng_net_unlock);

static void ng_async_work(struct work_struct *work)
{
	struct ng_net *ngn = container_of(work, struct ng_net, async_work);
	struct ng_node *node;

	ng_net_lock(ngn);
	spin_lock_bh(&ngn->async_lock);
	while ((node = list_first_entry_or_null(&ngn->async_kill,
						struct ng_node, async_link))) {
		list_del_init(&node->async_link);
		spin_unlock_bh(&ngn->async_lock);
		ng_node_kill(node);
		ng_node_put(node);	/* taken by ng_rmnode_self() */
		spin_lock_bh(&ngn->async_lock);
	}
	spin_unlock_bh(&ngn->async_lock);
	ng_net_unlock(ngn);
}

void ng_rmnode_self(struct ng_node *node)
{
	struct ng_net *ngn = node->ngn;

	if (ng_net_locked(ngn)) {
		ng_node_kill(node);
		return;
	}
	if (test_and_set_bit(NG_NODE_ASYNC_KILL, &node->flags))
		return;
	spin_lock_bh(&ngn->async_lock);
	/* Once pre_exit closed the list every node is dead already. */
	if (!ngn->async_closed) {
		ng_node_get(node);
		list_add_tail(&node->async_link, &ngn->async_kill);
		schedule_work(&ngn->async_work);
	}
	spin_unlock_bh(&ngn->async_lock);
}
EXPORT_SYMBOL_GPL(ng_rmnode_self);

static int __net_init ng_net_init(struct net *net)
{
	struct ng_net *ngn = ng_net_get(net);

	ngn->net = net;
	mutex_init(&ngn->lock);
	xa_init_flags(&ngn->nodes, XA_FLAGS_ALLOC1);
	INIT_LIST_HEAD(&ngn->dying_nodes);
	INIT_LIST_HEAD(&ngn->dying_hooks);
	spin_lock_init(&ngn->async_lock);
	INIT_LIST_HEAD(&ngn->async_kill);
	INIT_WORK(&ngn->async_work, ng_async_work);
	INIT_LIST_HEAD(&ngn->msgq);
	INIT_WORK(&ngn->msg_work, ng_msgq_work);
	skb_queue_head_init(&ngn->defer_q);
	INIT_WORK(&ngn->defer_work, ng_defer_work);
	ngn->gen = 1;
	atomic64_set(&ngn->deferred, 0);
	atomic64_set(&ngn->loop_drops, 0);
	atomic64_set(&ngn->queue_drops, 0);
	atomic64_set(&ngn->msg_loop_drops, 0);
	atomic64_set(&ngn->msg_queue_drops, 0);
	atomic64_set(&ngn->limit_hits, 0);
	return ng_names_init(ngn);
}

/* Kill every node of @ngn; used by namespace exit and module exit. */
static void ng_net_kill_all(struct ng_net *ngn)
{
	struct ng_node *node;
	unsigned long id;

	ng_net_lock(ngn);
	ngn->dying = true;
	xa_for_each(&ngn->nodes, id, node)
		ng_node_kill(node);
	ng_net_unlock(ngn);
}

/* Drop the queued asynchronous kills and stop their worker. */
static void ng_async_close(struct ng_net *ngn)
{
	struct ng_node *node, *tmp;
	LIST_HEAD(list);

	spin_lock_bh(&ngn->async_lock);
	ngn->async_closed = true;
	list_splice_init(&ngn->async_kill, &list);
	spin_unlock_bh(&ngn->async_lock);
	cancel_work_sync(&ngn->async_work);
	list_for_each_entry_safe(node, tmp, &list, async_link) {
		list_del_init(&node->async_link);
		ng_node_put(node);	/* taken by ng_rmnode_self() */
	}
}

static void __net_exit ng_net_pre_exit(struct net *net)
{
	struct ng_net *ngn = ng_net_get(net);

	/*
	 * ORDER: kill every node first (and refuse new ones): then nothing
	 * can send any more, and whatever is still queued -- messages,
	 * deferred packets, asynchronous kills -- could only reach dead
	 * nodes.  Each queue is then closed (nothing more is accepted),
	 * emptied without delivery and its work item cancelled, so no work
	 * item of this namespace runs or is queued after pre_exit, however
	 * busy its graph was (a flood of looping messages included).
	 */
	ng_net_kill_all(ngn);
	ng_async_close(ngn);
	ng_msgq_close(ngn);
	ng_defer_close(ngn);
}

static void __net_exit ng_net_exit(struct net *net)
{
	struct ng_net *ngn = ng_net_get(net);

	WARN_ON(!xa_empty(&ngn->nodes));
	WARN_ON(!list_empty(&ngn->msgq));
	WARN_ON(!skb_queue_empty(&ngn->defer_q));
	xa_destroy(&ngn->nodes);
	ng_names_destroy(ngn);
}

static struct pernet_operations ng_net_ops = {
	.init = ng_net_init,
	.pre_exit = ng_net_pre_exit,
	.exit = ng_net_exit,
	.id = &ng_net_id,
	.size = sizeof(struct ng_net),
};

int ng_netns_init(void)
{
	return register_pernet_subsys(&ng_net_ops);
}

void ng_netns_exit(void)
{
	unregister_pernet_subsys(&ng_net_ops);
}
