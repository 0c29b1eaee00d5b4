"""What the room keeps: codes, what is shown, and the input forms with their answers.

Below the tasks, which declare their forms (stances, readiness, ratings) and issue codes with
it; the pages that serve these to phones and laptops are in ``workbook.room``, above them.

* ``access``  the codes: room code, facilitator token, attendee codes; issue, revoke, slips, QR.
* ``state``   what the facilitator shows now, published by the facilitator's kernel and read
              by the room view; computed once, shared by every attendee.
* ``forms``   input forms declared once (Excel, web, loader), their rounds and answers.
"""
