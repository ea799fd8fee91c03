from wagtail.permission_policies import ModelPermissionPolicy


class DeliveryLogPermissionPolicy(ModelPermissionPolicy):
    """The log is written by the delivery task only: nobody adds, edits or deletes entries."""

    def user_has_permission(self, user, action):
        return action not in {"add", "change", "delete"} and super().user_has_permission(
            user, action
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
