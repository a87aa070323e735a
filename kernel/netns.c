// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: one graph per network namespace.
 *
 * Deleting a namespace destroys its nodes in .pre_exit, through the same
 * teardown path as a shutdown message (ng_node_kill() + ng_reap()).
 */
#include <kunit/visibility.h>
#include <net/netns/generic.h>

#include "core.h"

static unsigned int ng_net_id __read_mostly;

struct ng_net *ng_net_get(struct net *net)
{
	return net_generic(net, ng_net_id);
}
EXPORT_SYMBOL_IF_KUNIT(ng_net_get);

void ng_net_lock(struct ng_net *ngn)
{
	mutex_lock(&ngn->lock);
	ngn->owner = current;
}
EXPORT_SYMBOL_IF_KUNIT(ng_net_lock);

bool ng_net_locked(struct ng_net *ngn)
{
	return READ_ONCE(ngn->owner) == current;
}

/* Finish every teardown the operation started, then let the next one in. */
void ng_net_unlock(struct ng_net *ngn)
{
	ng_reap(ngn);
	ngn->owner = NULL;
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
	ng_node_get(node);
	spin_lock_bh(&ngn->async_lock);
	list_add_tail(&node->async_link, &ngn->async_kill);
	spin_unlock_bh(&ngn->async_lock);
	schedule_work(&ngn->async_work);
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

static void __net_exit ng_net_pre_exit(struct net *net)
{
	struct ng_net *ngn = ng_net_get(net);

	/*
	 * ORDER: stop the queues' sources first (kill nodes), then drain the
	 * queues; draining may deliver to nodes killed meanwhile, which only
	 * drops.  A second kill pass catches nodes a queued message created.
	 */
	ng_net_kill_all(ngn);
	flush_work(&ngn->async_work);
	ng_msgq_flush(ngn);
	ng_defer_flush(ngn);
	ng_net_kill_all(ngn);
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
