"""Background work (django-tasks): a worker in production, in-process in development."""

from django_tasks import task

from . import emails


@task()
def send_answer_email(question_id):
    emails.deliver(question_id)
