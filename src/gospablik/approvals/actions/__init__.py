"""Named actions of approvals: the only way submissions, remarks and requests change state."""
