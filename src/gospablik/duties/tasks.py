from celery import shared_task

from gospablik.duties import engine


@shared_task(name="gospablik.duties.tasks.tick")
def tick() -> int:
    return engine.tick()
