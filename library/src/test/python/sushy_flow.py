"""Drive the hvlab BMC with Debian's python3-sushy: session, systems, managers, simple_update, follow the task.

Usage: /usr/bin/python3 sushy_flow.py BASE_URL USER PASSWORD IMAGE_URI TARGET
Prints one line per system, manager and task poll; exits 0 only if the task reached Completed.
"""
import sys
import time

import sushy
from sushy.resources.taskservice import constants as ts_cons


def main(base, user, password, image, target):
    s = sushy.Sushy(base, auth=sushy.auth.SessionAuth(user, password))
    for sysm in s.get_system_collection().get_members():
        print("system", sysm.identity, sysm.system_type.value if sysm.system_type else None,
              sysm.power_state.value if sysm.power_state else None)
    for m in s.get_manager_collection().get_members():
        print("manager", m.identity, m.manager_type.value if m.manager_type else None)
    sessions = s.get_session_service().sessions.get_members()
    print("sessions", len(sessions))
    us = s.get_update_service()
    tm = us.simple_update(image, targets=[target], transfer_protocol="HTTP")
    task = tm.task
    if task is None:
        task = s.get_task_service().tasks.get_member(tm.task_monitor_uri)
    deadline = time.time() + 60
    while time.time() < deadline:
        task.refresh()
        print("task", task.identity, task.task_state.value, task.percent_complete)
        if task.task_state in (ts_cons.TaskState.COMPLETED, ts_cons.TaskState.EXCEPTION):
            break
        time.sleep(0.2)
    for msg in task.messages or []:
        print("message", msg.message_id, msg.message)
    return 0 if task.task_state == ts_cons.TaskState.COMPLETED else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:6]))
