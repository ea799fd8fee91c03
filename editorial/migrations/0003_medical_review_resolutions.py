"""Review claims only from reviews: the task state keeps the reviewer's resolutions, approvals
record their workflow step, and the hand-typed stamp goes.

Stamps on condition articles written before this migration came from no recorded workflow
step (they could be typed, and the demo typed one), so they are cleared; the next approval
writes them again. The "edit the review fields" permission no longer exists.
"""

import django.db.models.deletion
from django.db import migrations, models


def clear_unrecorded_stamps(apps, schema_editor):
    apps.get_model("articles", "ConditionArticlePage").objects.exclude(
        medical_reviewer=None, last_reviewed=None
    ).update(medical_reviewer=None, last_reviewed=None)
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="editorial", codename="change_review_fields"
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('editorial', '0002_create_groups_and_medical_review_workflow'),
        ('articles', '0004_review_stamp_set_by_approval'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='MedicalReviewTaskState',
            fields=[
                ('taskstate_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.taskstate')),
                ('resolutions', models.JSONField(blank=True, default=list, help_text='Each finding of the health-claims check: accepted with a note, or sent back.')),
            ],
            options={
                'verbose_name': 'medical review task state',
            },
            bases=('wagtailcore.taskstate',),
        ),
        migrations.AlterModelOptions(
            name='medicalreview',
            options={'get_latest_by': 'reviewed_at', 'ordering': ['-reviewed_at', '-pk'], 'permissions': [('publish_body_changes', 'Can publish, unpublish and delete page content (not only titles and search settings)'), ('view_reviews_due', 'Can see which pages are due for medical review')]},
        ),
        migrations.AddField(
            model_name='medicalreview',
            name='resolutions',
            field=models.JSONField(blank=True, default=list, help_text='How the reviewer resolved each health-claim finding.'),
        ),
        migrations.AddField(
            model_name='medicalreview',
            name='task_state',
            field=models.ForeignKey(blank=True, help_text='The approved step of the Medical review workflow this record comes from.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.taskstate'),
        ),
        migrations.RunPython(clear_unrecorded_stamps, migrations.RunPython.noop),
    ]
