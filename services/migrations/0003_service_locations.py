"""A service can be offered at several locations; a duration/price row can be for one of them.

The old ``Service.location`` becomes the first (only) entry of ``Service.locations``.
"""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def copy_location(apps, schema_editor):
    """Through the join table: historical models have no cluster to ``add()`` to."""
    Service = apps.get_model("services", "Service")
    Through = Service.locations.through
    Through.objects.bulk_create(
        Through(service_id=pk, locationservicepage_id=location_id)
        for pk, location_id in Service.objects.exclude(location=None).values_list(
            "pk", "location_id"
        )
    )


def copy_back(apps, schema_editor):
    Service = apps.get_model("services", "Service")
    for service in Service.objects.all():
        first = service.locations.order_by("path").first()
        if first:
            Service.objects.filter(pk=service.pk).update(location_id=first.pk)


class Migration(migrations.Migration):
    dependencies = [("services", "0002_seo_fields")]

    operations = [
        migrations.AlterField(
            model_name="service",
            name="location",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="services.locationservicepage",
            ),
        ),
        migrations.AddField(
            model_name="service",
            name="locations",
            field=modelcluster.fields.ParentalManyToManyField(
                help_text="Where it is offered. Durations and prices below apply everywhere, "
                "except at a location that has rows of its own.",
                related_name="services",
                to="services.locationservicepage",
            ),
        ),
        migrations.RunPython(copy_location, copy_back),
        migrations.RemoveField(model_name="service", name="location"),
        migrations.AddField(
            model_name="servicevariant",
            name="location",
            field=models.ForeignKey(
                blank=True,
                help_text="Leave empty for every location; choose one for a length or price "
                "that differs there (that location then offers only its own rows).",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="services.locationservicepage",
            ),
        ),
    ]
